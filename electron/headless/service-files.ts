/**
 * What `--print-service` prints: the headless shell as a systemd user service, a launchd agent or a
 * Windows logon task. Pure text builders; each refuses a value it cannot write safely rather than
 * printing a file that runs something else. Secrets never go in: the user is told where to put them.
 */
import { APP_ID, PRODUCT_NAME } from '../core/app-id.js';
import { DATA_FOLDER_NAME } from '../core/data-dir.js';
import type { HeadlessArgs } from './args.js';

export const SERVICE_KINDS = ['systemd', 'launchd', 'windows'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

export interface ServiceSpec {
  /** The Node.js that runs the shell now, by absolute path: a service has no PATH of the user's. */
  nodePath: string;
  bundlePath: string;
  /** The flags after the bundle, the data folder included. */
  flags: string[];
}

/** A value the service file cannot carry as it is, worded for whoever asked for the file. */
export class ServiceFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServiceFileError';
  }
}

const DEFAULT_HOST = '127.0.0.1';
const LAUNCHD_LABEL = `${APP_ID}.headless`;
const WINDOWS_TASK = `${PRODUCT_NAME} (headless)`;
/** schtasks refuses a longer /TR value. */
const SCHTASKS_TR_MAX = 261;

/** The flags the service starts the shell with: those given, the data folder always (resolved now), never the token. */
export function serviceFlags(args: HeadlessArgs, dataDir: string): string[] {
  const flags = ['--data-dir', dataDir];
  if (args.host !== DEFAULT_HOST) flags.push('--host', args.host);
  if (args.allowRemote) flags.push('--allow-remote');
  flags.push('--port', String(args.port));
  if (args.telegramApiRoot) flags.push('--telegram-api-root', args.telegramApiRoot);
  if (args.yespoApiRoot) flags.push('--yespo-api-root', args.yespoApiRoot);
  return flags;
}

function words(spec: ServiceSpec): string[] {
  const all = [spec.nodePath, spec.bundlePath, ...spec.flags];
  const bad = all.find((word) => /[\u0000-\u001f\u007f]/.test(word));
  if (bad !== undefined) throw new ServiceFileError(`A line break or control character cannot go in a service file: ${JSON.stringify(bad)}. Choose a folder without one.`);
  return all;
}

/** One ExecStart word: quoted, with `%` (specifiers) and `$` (variables) doubled so systemd takes them literally. */
function systemdWord(word: string): string {
  return `"${word.replace(/[\\"]/g, '\\$&').replace(/%/g, '%%').replace(/\$/g, '$$$$')}"`;
}

export function systemdUnit(spec: ServiceSpec): string {
  const execStart = words(spec).map(systemdWord).join(' ');
  const envFile = `%E/${DATA_FOLDER_NAME}.env`;
  return `# ${PRODUCT_NAME}, headless, as a systemd user service.
# Save as ~/.config/systemd/user/${DATA_FOLDER_NAME}.service, then run:
#   systemctl --user daemon-reload
#   systemctl --user enable --now ${DATA_FOLDER_NAME}
#   loginctl enable-linger "$USER"    # keeps it running while you are signed out
#
# Secrets are not in this file. Put them in ~/.config/${DATA_FOLDER_NAME}.env, one NAME=value a line:
#   TCY_HEADLESS_TOKEN=...   the UI's access token (16 to 256 letters, digits, . _ ~ -); the UI is
#                            then http://<host>:<port>/?token=<it>
#   TELEGRAM_BOT_TOKEN=..., YESPO_API_KEY=..., YESPO_APP_UUID=...   or enter them once in the UI,
#                            which keeps them in the keychain (needs an unlocked Secret Service)
# and make it readable by you only: chmod 600 ~/.config/${DATA_FOLDER_NAME}.env
[Unit]
Description=${PRODUCT_NAME} (headless)
Wants=network-online.target
After=network-online.target

[Service]
Type=simple
ExecStart=${execStart}
EnvironmentFile=${envFile}
# The one stdout line is the UI link, token included: it stays out of the journal. Logs go to stderr.
StandardOutput=null
Restart=on-failure
RestartSec=10
TimeoutStopSec=10

[Install]
WantedBy=default.target
`;
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export function launchdPlist(spec: ServiceSpec): string {
  const args = words(spec)
    .map((word) => `    <string>${xml(word)}</string>`)
    .join('\n');
  // XML comments may not hold two hyphens in a row, so the flags are not spelled out in them.
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<!--
  ${PRODUCT_NAME}, headless, as a launchd agent that starts when you sign in.
  Save as ~/Library/LaunchAgents/${LAUNCHD_LABEL}.plist, then run:
    launchctl bootstrap gui/$(id -u) ~/Library/LaunchAgents/${LAUNCHD_LABEL}.plist
  Secrets are not in this file: enter the bot token and the API key once in the UI, which keeps them
  in the macOS Keychain. For a fixed UI link, add an EnvironmentVariables dictionary with
  TCY_HEADLESS_TOKEN (16 to 256 letters, digits, . _ ~ and hyphens) and make the file readable by you only:
    chmod 600 ~/Library/LaunchAgents/${LAUNCHD_LABEL}.plist
-->
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>${xml(LAUNCHD_LABEL)}</string>
  <key>ProgramArguments</key>
  <array>
${args}
  </array>
  <key>RunAtLoad</key>
  <true/>
  <key>KeepAlive</key>
  <dict>
    <key>SuccessfulExit</key>
    <false/>
  </dict>
  <key>ThrottleInterval</key>
  <integer>10</integer>
  <key>ProcessType</key>
  <string>Background</string>
  <!-- The one stdout line is the UI link, token included; logs go to the data folder. -->
  <key>StandardOutPath</key>
  <string>/dev/null</string>
</dict>
</plist>
`;
}

/**
 * One argument as Windows programs split their command line: quoted when it has a space, with
 * backslashes doubled where they end up before a quote.
 */
function windowsArg(word: string, always = false): string {
  if (!always && word !== '' && !/[\s"]/.test(word)) return word;
  return `"${word.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, '$1$1')}"`;
}

export function windowsTask(spec: ServiceSpec): string {
  const all = words(spec);
  const unsafe = all.find((word) => /[&|<>^%"]/.test(word));
  if (unsafe !== undefined) {
    throw new ServiceFileError(`A path or flag for the Command Prompt cannot hold & | < > ^ % or ": ${unsafe}. Choose a data folder without them, or create the task in Task Scheduler by hand.`);
  }
  const command = all.map((word) => windowsArg(word)).join(' ');
  if (command.length > SCHTASKS_TR_MAX) {
    throw new ServiceFileError(
      `The task's command is ${command.length} characters, more than the ${SCHTASKS_TR_MAX} characters schtasks accepts. Choose a shorter data folder, ` +
        `or create the task in Task Scheduler by hand (Program: ${spec.nodePath}; Arguments: the rest of ${command}).`,
    );
  }
  return [
    `REM ${PRODUCT_NAME}, headless, started by Task Scheduler when you sign in.`,
    'REM Run this in a Command Prompt (cmd.exe) signed in as the account that runs the app:',
    `schtasks /Create /F /TN ${windowsArg(WINDOWS_TASK)} /SC ONLOGON /RL LIMITED /TR ${windowsArg(command, true)}`,
    `REM Start it now without signing out: schtasks /Run /TN ${windowsArg(WINDOWS_TASK)}`,
    'REM Secrets are not in this command: enter the bot token and the API key once in the UI, which keeps',
    'REM them in Windows Credential Manager. For a fixed UI link, set the access token for your account once:',
    'REM   setx TCY_HEADLESS_TOKEN <16 to 256 letters, digits, . _ ~ ->',
    'REM If schtasks answers "Access is denied", run the Command Prompt as administrator.',
    '',
  ].join('\r\n');
}

export function serviceFile(kind: ServiceKind, spec: ServiceSpec): string {
  switch (kind) {
    case 'systemd':
      return systemdUnit(spec);
    case 'launchd':
      return launchdPlist(spec);
    case 'windows':
      return windowsTask(spec);
  }
}

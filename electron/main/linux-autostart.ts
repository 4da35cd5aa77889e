import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** `$XDG_CONFIG_HOME`, or `~/.config` when it is unset or not absolute (as the XDG spec says). */
export function xdgConfigHome(env: NodeJS.ProcessEnv, home: string): string {
  const configured = env.XDG_CONFIG_HOME;
  return configured && path.isAbsolute(configured) ? configured : path.join(home, '.config');
}

export function autostartFile(configHome: string, appId: string): string {
  return path.join(configHome, 'autostart', `${appId}.desktop`);
}

/**
 * One argument of a desktop entry's `Exec` key. Quoting follows the Desktop Entry spec: reserved
 * characters force double quotes, inside which `"`, `` ` ``, `$` and `\` are backslash-escaped; `%`
 * is doubled (field codes); then the string-value escaping doubles every backslash once more.
 */
export function quoteExecArg(arg: string): string {
  const quoted = /[\s"'\\><~|&;$*?#()`]/.test(arg) || arg === '' ? `"${arg.replace(/["`$\\]/g, '\\$&')}"` : arg;
  return quoted.replace(/%/g, '%%').replace(/\\/g, '\\\\');
}

function singleLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ');
}

export interface DesktopEntry {
  name: string;
  comment: string;
  command: readonly string[];
}

/** An XDG autostart entry (`~/.config/autostart/<app id>.desktop`) that starts the app at login. */
export function desktopEntry(entry: DesktopEntry): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    `Name=${singleLine(entry.name)}`,
    `Comment=${singleLine(entry.comment)}`,
    `Exec=${entry.command.map(quoteExecArg).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function isAutostartEnabled(file: string): boolean {
  return existsSync(file);
}

/** Writes the entry, or removes it when `content` is null. */
export async function setAutostart(file: string, content: string | null): Promise<void> {
  if (content === null) {
    await rm(file, { force: true });
    return;
  }
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content, { encoding: 'utf8', mode: 0o644 });
}

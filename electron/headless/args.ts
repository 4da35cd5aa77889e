import { addressScope, unbracket } from './listen-address.js';
import { SERVICE_KINDS, type ServiceKind } from './service-files.js';

export interface HeadlessArgs {
  dataDir?: string;
  host: string;
  port: number;
  telegramApiRoot?: string;
  yespoApiRoot?: string;
  token?: string;
  allowRemote: boolean;
  help: boolean;
  /** Print this service definition and exit instead of starting. */
  printService?: ServiceKind;
}

/** The environment variable that carries the access token; unlike `--token`, `ps` does not show it. */
const TOKEN_ENV = 'TCY_HEADLESS_TOKEN';

export const USAGE = `Usage: npm run headless -- [options]

  --data-dir DIR             where data and logs live (default: the app's user data folder;
                             the APP_USER_DATA environment variable also sets it)
  --host ADDRESS             loopback address to listen on (default 127.0.0.1)
  --allow-remote             let --host be an address other machines reach (prints a warning)
  --port N                   port to listen on; 0 picks a free one (default 0)
  --telegram-api-root URL    Telegram Bot API root (default https://api.telegram.org)
  --yespo-api-root URL       Yespo API root (default https://yespo.io/api)
  --token T                  the access token (default: TCY_HEADLESS_TOKEN, else a random one
                             made at start); prefer the variable, which ps does not show
  --print-service KIND       print a service that starts the shell with these flags, then
                             exit: systemd (user unit), launchd (macOS agent) or windows
                             (a schtasks command); needs --port N, never holds secrets
  --help                     show this text

Environment: TELEGRAM_BOT_TOKEN, YESPO_API_KEY, YESPO_APP_UUID (held in memory only),
TCY_HEADLESS_TOKEN (the access token).`;

/** A mistake on the command line, worded for the person who typed it. */
export class ArgsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArgsError';
  }
}

const VALUE_FLAGS = ['--data-dir', '--host', '--port', '--telegram-api-root', '--yespo-api-root', '--token', '--print-service'] as const;
type ValueFlag = (typeof VALUE_FLAGS)[number];

function isValueFlag(flag: string): flag is ValueFlag {
  return (VALUE_FLAGS as readonly string[]).includes(flag);
}

function parsePort(text: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    throw new ArgsError(`--port must be a number from 0 to 65535 (0 picks a free port), not "${text}".`);
  }
  return Number(text);
}

function parseHost(text: string, allowRemote: boolean): string {
  const address = unbracket(text);
  const scope = addressScope(address);
  if (scope === undefined) {
    throw new ArgsError(`--host must be an IP address written in full, such as 127.0.0.1 or ::1, or localhost; not "${text}".`);
  }
  if (scope === 'loopback' || allowRemote) return address;
  const reach = scope === 'unspecified' ? 'means every network interface' : 'is an address other machines can reach';
  throw new ArgsError(
    `--host ${text} ${reach}. The shell listens only on this machine (127.0.0.1, ::1 or localhost); ` +
      'add --allow-remote if you really mean to open it to the network.',
  );
}

function parseApiRoot(flag: string, text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ArgsError(`${flag} must be a full URL such as https://example.com/api, not "${text}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ArgsError(`${flag} must start with http:// or https://, not "${url.protocol}".`);
  }
  return text.replace(/\/+$/, '');
}

function parseServiceKind(text: string): ServiceKind {
  const kind = SERVICE_KINDS.find((k) => k === text);
  if (!kind) throw new ArgsError(`--print-service takes ${SERVICE_KINDS.slice(0, -1).join(', ')} or ${SERVICE_KINDS.at(-1)}, not "${text}".`);
  return kind;
}

/** A service restarts on its own, so its UI must keep one address, and its file must hold no secret. */
function checkServiceArgs(result: HeadlessArgs): void {
  if (result.port === 0) throw new ArgsError('--print-service needs --port N (not 0), so the UI is at the same address after every restart.');
  if (result.token !== undefined) {
    throw new ArgsError('Leave --token out: a service file must not hold the access token. The printed file says where TCY_HEADLESS_TOKEN goes.');
  }
}

function parseToken(source: string, text: string): string {
  // The token travels in a URL and a bearer header, so it keeps to characters neither needs to escape.
  if (!/^[A-Za-z0-9._~-]{16,256}$/.test(text)) {
    throw new ArgsError(`${source} must be 16 to 256 characters of letters, digits and . _ ~ -`);
  }
  return text;
}

/**
 * Parses the headless shell's command line (`--flag value` or `--flag=value`) and the one
 * variable it reads, TCY_HEADLESS_TOKEN. Pure: no I/O.
 */
export function parseArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): HeadlessArgs {
  const result: HeadlessArgs = { host: '127.0.0.1', port: 0, allowRemote: false, help: false };
  const seen = new Set<string>();
  let host: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      result.help = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (flag === '--allow-remote') {
      if (flag !== arg) throw new ArgsError('--allow-remote takes no value.');
      if (result.allowRemote) throw new ArgsError('--allow-remote is given twice.');
      result.allowRemote = true;
      continue;
    }
    if (!isValueFlag(flag)) {
      throw new ArgsError(arg.startsWith('-') ? `Unknown option ${flag}.` : `Unexpected argument "${arg}": every option starts with --.`);
    }
    let value: string;
    if (flag !== arg) {
      value = arg.slice(eq + 1);
    } else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new ArgsError(`${flag} needs a value.`);
      value = next;
      i++;
    }
    if (seen.has(flag)) throw new ArgsError(`${flag} is given twice.`);
    seen.add(flag);
    if (value === '') throw new ArgsError(`${flag} needs a value.`);
    switch (flag) {
      case '--data-dir':
        result.dataDir = value;
        break;
      case '--host':
        host = value;
        break;
      case '--port':
        result.port = parsePort(value);
        break;
      case '--telegram-api-root':
        result.telegramApiRoot = parseApiRoot(flag, value);
        break;
      case '--yespo-api-root':
        result.yespoApiRoot = parseApiRoot(flag, value);
        break;
      case '--token':
        result.token = parseToken(flag, value);
        break;
      case '--print-service':
        result.printService = parseServiceKind(value);
        break;
    }
  }
  // After the loop: --allow-remote may come after --host.
  if (host !== undefined) result.host = parseHost(host, result.allowRemote);
  // Before the environment's token: only a token typed on the command line would reach the file.
  if (result.printService) checkServiceArgs(result);
  const envToken = env[TOKEN_ENV];
  if (result.token === undefined && envToken) result.token = parseToken(TOKEN_ENV, envToken);
  return result;
}

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ArgsError, parseArgs } from '../../electron/headless/args.js';
import { launchdPlist, serviceFlags, systemdUnit, windowsTask, type ServiceSpec } from '../../electron/headless/service-files.js';
import { tempDir } from '../support/temp-dir.js';

const plist = createRequire(import.meta.url)('plist') as { parse: (xml: string) => unknown };

const spec = (over: Partial<ServiceSpec> = {}): ServiceSpec => ({
  nodePath: '/usr/local/bin/node',
  bundlePath: '/opt/Telegram Connector/dist-electron/headless.js',
  flags: ['--data-dir', '/home/olena/My Shop/data', '--port', '8123'],
  ...over,
});

const SECRET = 'from-the-environment-0123';

describe('--print-service on the command line', () => {
  it('takes systemd, launchd or windows', () => {
    for (const kind of ['systemd', 'launchd', 'windows'] as const) {
      expect(parseArgs(['--print-service', kind, '--port', '8123']).printService).toBe(kind);
    }
    expect(parseArgs(['--port', '1']).printService).toBeUndefined();
  });

  it('names the three choices when given another', () => {
    expect(() => parseArgs(['--print-service', 'upstart', '--port', '8123'])).toThrow(ArgsError);
    expect(() => parseArgs(['--print-service', 'upstart', '--port', '8123'])).toThrow(/--print-service takes systemd, launchd or windows, not "upstart"/);
  });

  it('asks for a fixed port, so the UI is at the same address after every restart', () => {
    expect(() => parseArgs(['--print-service', 'systemd'])).toThrow(/--print-service needs --port N \(not 0\)/);
    expect(() => parseArgs(['--print-service', 'systemd', '--port', '0'])).toThrow(/--print-service needs --port N/);
  });

  it('refuses --token, which would put the access token in the service file', () => {
    expect(() => parseArgs(['--print-service', 'systemd', '--port', '8123', '--token', SECRET])).toThrow(/Leave --token out.*TCY_HEADLESS_TOKEN/);
  });
});

describe('serviceFlags', () => {
  it('always names the data folder and keeps the flags given, without any token', () => {
    const args = parseArgs(['--print-service', 'systemd', '--port', '8123', '--host', '::1', '--telegram-api-root', 'http://127.0.0.1:9001/'], { TCY_HEADLESS_TOKEN: SECRET });
    expect(serviceFlags(args, '/data')).toEqual(['--data-dir', '/data', '--host', '::1', '--port', '8123', '--telegram-api-root', 'http://127.0.0.1:9001']);
  });

  it('keeps --allow-remote and the Yespo root, and leaves the default host out', () => {
    const args = parseArgs(['--print-service', 'launchd', '--port', '1', '--allow-remote', '--host', '0.0.0.0', '--yespo-api-root', 'https://api.yespo.io/api']);
    expect(serviceFlags(args, '/d')).toEqual(['--data-dir', '/d', '--host', '0.0.0.0', '--allow-remote', '--port', '1', '--yespo-api-root', 'https://api.yespo.io/api']);
    expect(serviceFlags(parseArgs(['--print-service', 'launchd', '--port', '1']), '/d')).toEqual(['--data-dir', '/d', '--port', '1']);
  });
});

describe('systemdUnit', () => {
  it('quotes every word of ExecStart, so paths with spaces stay one argument', () => {
    const unit = systemdUnit(spec());
    expect(unit).toContain('ExecStart="/usr/local/bin/node" "/opt/Telegram Connector/dist-electron/headless.js" "--data-dir" "/home/olena/My Shop/data" "--port" "8123"\n');
  });

  it('escapes what systemd would otherwise expand or end a word on: % $ " \\', () => {
    const unit = systemdUnit(spec({ flags: ['--data-dir', '/srv/100% "real" $HOME\\data'] }));
    expect(unit).toContain('"--data-dir" "/srv/100%% \\"real\\" $$HOME\\\\data"\n');
  });

  it('is a user service that restarts after a crash and keeps the UI link (it holds the token) out of the journal', () => {
    const unit = systemdUnit(spec());
    expect(unit).toMatch(/^\[Unit\]$/m);
    expect(unit).toMatch(/^Restart=on-failure$/m);
    expect(unit).toMatch(/^StandardOutput=null$/m);
    expect(unit).toMatch(/^EnvironmentFile=%E\/telegram-connector-yespo\.env$/m);
    expect(unit).toMatch(/^WantedBy=default\.target$/m);
    expect(unit).toMatch(/chmod 600/);
  });

  it('refuses a line break in a value instead of writing a broken unit', () => {
    expect(() => systemdUnit(spec({ flags: ['--data-dir', '/a\nb'] }))).toThrow(/line break or control character/);
  });

  const analyze = spawnSync('systemd-analyze', ['--version']).status === 0;
  it('passes systemd-analyze verify', (context) => {
    if (!analyze) context.skip('systemd-analyze is not installed (apt package systemd)');
    const dir = scratch();
    const bundle = path.join(dir, 'app dir', 'headless.js');
    mkdirSync(path.dirname(bundle));
    writeFileSync(bundle, '');
    const file = path.join(dir, 'telegram-connector-yespo.service');
    writeFileSync(file, systemdUnit({ nodePath: process.execPath, bundlePath: bundle, flags: ['--data-dir', path.join(dir, '50% off $shop'), '--port', '8123'] }));
    const run = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
    expect(run.stderr.split('\n').filter((line) => line.includes('telegram-connector-yespo'))).toEqual([]);
    expect(run.status).toBe(0);
  });
});

describe('launchdPlist', () => {
  it('is a property list whose arguments come back exactly, escaped as XML', () => {
    const flags = ['--data-dir', '/Users/o/Tom & Jerry <"shop">\'s', '--port', '8123'];
    const parsed = plist.parse(launchdPlist(spec({ flags }))) as Record<string, unknown>;
    expect(parsed.Label).toBe('io.yespo.telegram-connector.headless');
    expect(parsed.ProgramArguments).toEqual(['/usr/local/bin/node', '/opt/Telegram Connector/dist-electron/headless.js', ...flags]);
    expect(parsed.RunAtLoad).toBe(true);
    expect(parsed.KeepAlive).toEqual({ SuccessfulExit: false });
    expect(parsed.StandardOutPath).toBe('/dev/null');
  });

  it('keeps "--" out of its comments, where XML forbids it', () => {
    const comments = [...launchdPlist(spec()).matchAll(/<!--([\s\S]*?)-->/g)].map((m) => m[1]);
    expect(comments.length).toBeGreaterThan(0);
    for (const comment of comments) expect(comment).not.toContain('--');
  });

  const plutil = spawnSync('plutil', ['-help']).error === undefined;
  it('passes plutil -lint', (context) => {
    if (!plutil) context.skip('plutil is not installed (macOS only); the XML parse above checks the file');
    const file = path.join(scratch(), 'io.yespo.telegram-connector.headless.plist');
    writeFileSync(file, launchdPlist(spec()));
    expect(execFileSync('plutil', ['-lint', file], { encoding: 'utf8' })).toMatch(/OK/);
  });
});

describe('windowsTask', () => {
  it('creates a logon task whose /TR holds the quoted command, inner quotes escaped for schtasks', () => {
    const text = windowsTask({ nodePath: 'C:\\Program Files\\nodejs\\node.exe', bundlePath: 'C:\\Apps\\tcy\\headless.js', flags: ['--data-dir', 'C:\\Users\\Olena\\My Shop', '--port', '8123'] });
    const command = text.split('\r\n').find((line) => line.startsWith('schtasks /Create'));
    expect(command).toBe(
      'schtasks /Create /F /TN "Telegram Connector for Yespo (headless)" /SC ONLOGON /RL LIMITED /TR ' +
        '"\\"C:\\Program Files\\nodejs\\node.exe\\" C:\\Apps\\tcy\\headless.js --data-dir \\"C:\\Users\\Olena\\My Shop\\" --port 8123"',
    );
  });

  it('doubles a trailing backslash before a closing quote, so a drive root stays a path', () => {
    const text = windowsTask({ nodePath: 'C:\\node\\node.exe', bundlePath: 'C:\\a\\headless.js', flags: ['--data-dir', 'D:\\My Data\\', '--port', '1'] });
    // The task keeps "D:\My Data\\" (the trailing backslash doubled); for schtasks each " is \" and the two backslashes before it four.
    expect(text).toContain('--data-dir \\"D:\\My Data\\\\\\\\\\" --port 1"');
  });

  it('refuses characters the Command Prompt would act on', () => {
    for (const bad of ['C:\\Tom & Jerry', 'C:\\100%', 'C:\\a|b', 'C:\\a^b']) {
      expect(() => windowsTask({ nodePath: 'C:\\node.exe', bundlePath: 'C:\\h.js', flags: ['--data-dir', bad] }), bad).toThrow(/cannot hold & \| < > \^ % or "/);
    }
  });

  it('says what to do when the command is longer than the 261 characters schtasks takes', () => {
    const long = `C:\\${'x'.repeat(250)}`;
    expect(() => windowsTask({ nodePath: 'C:\\node.exe', bundlePath: 'C:\\h.js', flags: ['--data-dir', long] })).toThrow(/more than the 261 characters schtasks accepts/);
  });

  it('uses Windows line ends and says where the secrets go', () => {
    const text = windowsTask({ nodePath: 'C:\\node.exe', bundlePath: 'C:\\h.js', flags: ['--port', '1'] });
    expect(text).toMatch(/^REM .*\r\n/);
    expect(text).toMatch(/Credential Manager/);
    expect(text).toMatch(/setx TCY_HEADLESS_TOKEN/);
  });
});

describe('secrets', () => {
  it('never reach a printed service, whatever the environment holds', () => {
    const args = parseArgs(['--print-service', 'systemd', '--port', '8123'], { TCY_HEADLESS_TOKEN: SECRET });
    const s = spec({ flags: serviceFlags(args, '/data') });
    for (const text of [systemdUnit(s), launchdPlist(s), windowsTask({ ...s, nodePath: 'C:\\node.exe', bundlePath: 'C:\\h.js', flags: serviceFlags(args, 'C:\\data') })]) {
      expect(text).not.toContain(SECRET);
    }
  });
});

function scratch(): string {
  const { dir, remove } = tempDir('tcy-service-');
  onTestFinished(remove);
  return dir;
}

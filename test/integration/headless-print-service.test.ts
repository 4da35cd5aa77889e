import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { tempDir } from '../support/temp-dir.js';

const main = fileURLToPath(new URL('../../electron/headless/main.ts', import.meta.url));
const SECRETS = { TCY_HEADLESS_TOKEN: 'access-token-0123456789', TELEGRAM_BOT_TOKEN: '123456:secret-bot-token', YESPO_API_KEY: 'secret-yespo-key' };

function printService(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', main, ...args], { encoding: 'utf8', env: { ...process.env, ...SECRETS }, timeout: 20_000 });
}

describe('npm run headless -- --print-service', () => {
  it('prints the unit for this Node, this bundle and this data folder, and exits 0 without starting the shell', () => {
    const scratch = tempDir('tcy-print-');
    onTestFinished(scratch.remove);
    const data = path.join(scratch.dir, 'shop data');
    const run = printService(['--print-service', 'systemd', '--port', '8123', '--data-dir', data]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^# Telegram Connector for Yespo, headless, as a systemd user service\./);
    expect(run.stdout).toContain(`ExecStart="${process.execPath}" "${main}" "--data-dir" "${data}" "--port" "8123"\n`);
    for (const secret of Object.values(SECRETS)) expect(run.stdout).not.toContain(secret);
    // The shell would have made the data folder and its log first thing.
    expect(existsSync(data)).toBe(false);
  });

  it('explains a value the service file cannot hold, with exit code 2', () => {
    const scratch = tempDir('tcy-print-');
    onTestFinished(scratch.remove);
    const run = printService(['--print-service', 'windows', '--port', '8123', '--data-dir', path.join(scratch.dir, 'Tom & Jerry')]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/cannot hold & \| < > \^ % or "/);
  });
});

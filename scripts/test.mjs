// `npm test`: every suite, counted together. On Linux without a Secret Service it first moves
// into a private D-Bus session with an unlocked gnome-keyring, so keychain tests use a real one.
// Ends with exactly `tests: N passed, N failed, N skipped`; exits non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuild, ROOT } from './ensure-build.mjs';

const SESSION_MARK = 'TCY_TEST_KEYRING_SESSION';
const REPORTS = path.join(ROOT, '.tmp', 'test-reports');

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** Whether the current D-Bus session offers a Secret Service (running or activatable). */
function sessionHasSecretService() {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS || !has('dbus-send')) return false;
  return ['ListNames', 'ListActivatableNames'].some((call) => {
    const reply = spawnSync('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', `org.freedesktop.DBus.${call}`], {
      encoding: 'utf8',
      timeout: 5000,
    });
    return reply.status === 0 && reply.stdout.includes('"org.freedesktop.secrets"');
  });
}

const UNLOCK = ['--unlock', '--components=secrets'];
/** A fresh daemon in place of one that came up without its login keyring. */
const REPLACE = ['--replace', '--unlock', '--components=secrets'];

/** Runs gnome-keyring-daemon (the password goes to stdin for --unlock); adopts the variables it prints. */
function keyringDaemon(args, env) {
  const result = spawnSync('gnome-keyring-daemon', args, { env, input: args === UNLOCK || args === REPLACE ? 'pass' : '', encoding: 'utf8', timeout: 15_000 });
  if (result.status !== 0) {
    process.stderr.write(`gnome-keyring-daemon ${args[0]} failed: ${result.stderr || result.error?.message}\n`);
    return false;
  }
  for (const line of result.stdout.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) process.env[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return true;
}

/** Starts gnome-keyring in this (private) session with a throwaway login keyring, unlocked. */
function startKeyring() {
  // A throwaway data folder: the login keyring created here must never touch the user's own.
  const env = { ...process.env, XDG_DATA_HOME: mkdtempSync(path.join(os.tmpdir(), 'tcy-keyring-')) };
  if (!keyringDaemon(UNLOCK, env) || !keyringDaemon(['--start', '--components=secrets'], env)) return null;
  process.stderr.write('Keychain: a private gnome-keyring, unlocked, in a private D-Bus session.\n');
  return env;
}

/**
 * The daemon answers on the bus a moment before its login keyring is ready (writes then fail with
 * "no result found"), so the tests wait until a real write, read and delete go through.
 */
async function keyringReady(env) {
  const { AsyncEntry } = await import('@napi-rs/keyring');
  let problem = '';
  for (let attempt = 0; attempt < 40; attempt++) {
    // Seen once in CI: the daemon came up without its login keyring ("no result found"), and giving
    // the running daemon the password again does not create it; a replacement daemon does.
    if (attempt === 8 || attempt === 24) keyringDaemon(REPLACE, env);
    try {
      const entry = new AsyncEntry('tcy-test-runner', 'probe', { linux: { store: 'secret-service' } });
      await entry.setPassword('ready');
      const back = await entry.getPassword();
      await entry.deletePassword();
      if (back === 'ready') return;
      problem = 'the value read back differs';
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  process.stderr.write(`Keychain: still not usable after 10 s (${problem}); keychain tests will say so.\n`);
}

function keyringSession() {
  if (process.platform !== 'linux' || process.env[SESSION_MARK]) return;
  if (sessionHasSecretService()) return;
  if (!has('dbus-run-session') || !has('gnome-keyring-daemon')) {
    process.stderr.write('No Secret Service and no dbus-run-session/gnome-keyring-daemon here: keychain tests will report it unavailable.\n');
    return;
  }
  const self = fileURLToPath(import.meta.url);
  const result = spawnSync('dbus-run-session', ['--', process.execPath, self, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, [SESSION_MARK]: '1' },
  });
  process.exit(result.status ?? 1);
}

function run(label, command, args, env = {}) {
  process.stdout.write(`\n=== ${label}\n`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Counts from a report; a runner that failed outside any test (or wrote no report) counts one failure. */
function tally(label, exitCode, counts) {
  const failed = counts ? counts.failed : 0;
  if (exitCode !== 0 && failed === 0) {
    process.stdout.write(`${label} failed (exit ${exitCode}) outside any counted test.\n`);
    return { passed: counts?.passed ?? 0, failed: 1, skipped: counts?.skipped ?? 0 };
  }
  return counts ?? { passed: 0, failed: 0, skipped: 0 };
}

function vitestCounts(report) {
  if (!report) return null;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + (report.numTodoTests ?? 0),
  };
}

function playwrightCounts(report) {
  if (!report?.stats) return null;
  const { expected, unexpected, flaky, skipped } = report.stats;
  return { passed: expected + flaky, failed: unexpected, skipped };
}

keyringSession();
if (process.env[SESSION_MARK]) {
  const env = startKeyring();
  if (env) await keyringReady(env);
}

rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });
const node = process.execPath;
const playwright = path.join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js');
const totals = [];
const built = ensureBuild();
if (!built) totals.push(tally('Build', 1, null));

const vitestReport = path.join(REPORTS, 'vitest.json');
const vitestExit = run('Vitest (unit, integration)', node, [
  path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'),
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestReport}`,
]);
totals.push(tally('Vitest', vitestExit, vitestCounts(readJson(vitestReport))));

// Both Playwright suites run the built app; without a build they are not run (the build counts as failed).
const e2eReport = path.join(REPORTS, 'e2e.json');
if (built) {
  const e2eExit = run('Playwright e2e (Chromium against the headless shell)', node, [playwright, 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_FILE: e2eReport,
  });
  totals.push(tally('Playwright e2e', e2eExit, playwrightCounts(readJson(e2eReport))));
}

const electronConfig = path.join(ROOT, 'playwright.electron.config.ts');
if (built && existsSync(electronConfig)) {
  const electronReport = path.join(REPORTS, 'electron.json');
  const args = [playwright, 'test', '-c', electronConfig, '--reporter=list,json'];
  // Electron needs a display; a virtual one stands in where there is none.
  const virtualDisplay = process.platform === 'linux' && !process.env.DISPLAY && has('xvfb-run');
  const exitCode = virtualDisplay
    ? run('Playwright Electron', 'xvfb-run', ['-a', node, ...args], { PLAYWRIGHT_JSON_OUTPUT_FILE: electronReport })
    : run('Playwright Electron', node, args, { PLAYWRIGHT_JSON_OUTPUT_FILE: electronReport });
  totals.push(tally('Playwright Electron', exitCode, playwrightCounts(readJson(electronReport))));
}

const sum = totals.reduce((a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed, skipped: a.skipped + b.skipped }));
process.stdout.write(`\ntests: ${sum.passed} passed, ${sum.failed} failed, ${sum.skipped} skipped\n`);
process.exit(sum.failed > 0 ? 1 : 0);

import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type { WindowApi } from '../../electron/core/contract/api.js';
import { METHODS } from '../../electron/core/contract/methods.js';
import { electronRuntime, NO_ELECTRON_RUNTIME, ROOT } from './runtime.js';

/** What the tests read from the page's global scope (the Node side has no DOM types). */
interface PageGlobals {
  api: WindowApi;
  location: { href: string };
  open(url: string): unknown;
  document: { body: { innerText: string } };
  require?: unknown;
  process?: unknown;
  module?: unknown;
}

const runtime = electronRuntime();
test.skip(runtime === null, NO_ELECTRON_RUNTIME);
test.describe.configure({ mode: 'serial' });

// Chromium refuses to run as root without this; the page's own sandbox (`sandbox: true`) still applies.
const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];

let app: ElectronApplication;
let page: Page;
let userData: string;

function launchEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'VITE_DEV_SERVER_URL' && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
  }
  return { ...env, APP_USER_DATA: userData, TCY_TEST_HOOKS: '1' };
}

test.beforeAll(async () => {
  userData = await mkdtemp(path.join(os.tmpdir(), 'tc-electron-'));
  app = await electron.launch({ executablePath: runtime ?? undefined, args: [ROOT, ...rootArgs], cwd: ROOT, env: launchEnv() });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
  if (userData) await rm(userData, { recursive: true, force: true });
});

test('keeps its data in APP_USER_DATA', async () => {
  expect(await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'))).toBe(path.resolve(userData));
});

test('loads the UI from app://', async () => {
  expect(page.url()).toMatch(/^app:\/\/app\//);
  await expect.poll(() => page.evaluate(() => (globalThis as unknown as PageGlobals).document.body.innerText.trim().length)).toBeGreaterThan(0);
});

test('exposes window.api built from the contract', async () => {
  const keys = await page.evaluate(() => Object.keys((globalThis as unknown as PageGlobals).api).sort());
  expect(keys).toEqual([...METHODS, 'on'].sort());
});

test('answers getStatus through the preload', async () => {
  const result = await page.evaluate(() => (globalThis as unknown as PageGlobals).api.getStatus());
  expect(result.ok).toBe(true);
  if (result.ok) expect(result.value.dataDir).toBe(path.resolve(userData));
});

test('leaves the updater off when the build has no update feed (an unpackaged run has no app-update.yml)', async () => {
  const capabilities = await page.evaluate(() => (globalThis as unknown as PageGlobals).api.getHostCapabilities());
  expect(capabilities).toMatchObject({ ok: true, value: { updates: false } });
  expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).api.getUpdateState())).toEqual({ ok: true, value: { state: 'off' } });
});

test('shows the engine’s notification through the OS, and a click opens the screen that fixes it', async () => {
  // The OS's notification centre cannot be read from here: the shell's Notification objects are.
  await app.evaluate(({ Notification }) => {
    const scope = globalThis as unknown as { shownNotifications: Array<{ title: string; body: string; emit(event: 'click'): void }> };
    scope.shownNotifications = [];
    Notification.prototype.show = function show(this: Electron.Notification) {
      scope.shownNotifications.push(this as unknown as (typeof scope.shownNotifications)[number]);
    };
  });
  await app.evaluate(() => {
    const hooks = (globalThis as unknown as { tcyTestHooks: { notify(n: { title: string; body: string; route: string }): void } }).tcyTestHooks;
    hooks.notify({ title: 'Yespo doesn’t accept the API key', body: 'Enter a new API key.', route: '/settings?section=api-key' });
  });
  const shown = await app.evaluate(() =>
    (globalThis as unknown as { shownNotifications: Array<{ title: string; body: string }> }).shownNotifications.map((n) => ({ title: n.title, body: n.body })),
  );
  expect(shown).toEqual([{ title: 'Yespo doesn’t accept the API key', body: 'Enter a new API key.' }]);
  await app.evaluate(() => (globalThis as unknown as { shownNotifications: Array<{ emit(event: 'click'): void }> }).shownNotifications[0].emit('click'));
  await expect.poll(() => page.url()).toContain('#/settings?section=api-key');
});

test('rejects a bad argument before the engine sees it', async () => {
  const result = await page.evaluate(() => (globalThis as unknown as PageGlobals).api.getSubscriber({ chatId: 'not a number' }));
  expect(result).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
});

test('gives the page no Node.js', async () => {
  const globals = await page.evaluate(() => {
    const scope = globalThis as unknown as PageGlobals;
    return [typeof scope.require, typeof scope.process, typeof scope.module];
  });
  expect(globals).toEqual(['undefined', 'undefined', 'undefined']);
});

test('blocks navigation and new windows', async () => {
  const before = page.url();
  await page.evaluate(() => {
    (globalThis as unknown as PageGlobals).location.href = 'https://example.com/';
  });
  const opened = await page.evaluate(() => (globalThis as unknown as PageGlobals).open('app://app/index.html') === null);
  await page.waitForTimeout(1000);
  expect(page.url()).toBe(before);
  expect(opened).toBe(true);
  expect(app.windows()).toHaveLength(1);
});

test('serves the UI with a CSP and nothing outside its folder', async () => {
  const responses = await page.evaluate(async () => {
    const index = await fetch('app://app/index.html');
    const outside = await fetch('app://app/..%2Fpackage.json');
    return { index: index.status, csp: index.headers.get('content-security-policy'), outside: outside.status };
  });
  expect(responses.index).toBe(200);
  expect(responses.csp).toContain("script-src 'self'");
  expect(responses.outside).toBe(403);
});

test('a second launch hands over to the running app and exits', async () => {
  const second = spawn(runtime ?? '', [ROOT, ...rootArgs], { cwd: ROOT, env: launchEnv(), stdio: 'ignore' });
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      second.kill();
      reject(new Error('the second instance did not exit'));
    }, 20_000);
    second.on('exit', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  expect(code).toBe(0);
  expect(app.windows()).toHaveLength(1);
});

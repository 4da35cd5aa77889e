import { defineConfig } from '@playwright/test';

/**
 * The Electron suite: launches the built app with Playwright's `_electron`. Where Electron cannot
 * start (no binary, as on machines that cannot download it) it prints one line,
 * `skipped: no Electron runtime`, and every test is reported as skipped.
 */
export default defineConfig({
  testDir: 'test/electron',
  testMatch: '**/*.spec.ts',
  globalSetup: './test/electron/global-setup.ts',
  outputDir: '.tmp/playwright-electron-results',
  // One app at a time: each launch is a whole Electron with its own user-data folder.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
});

import { defineConfig } from '@playwright/test';
import base from './playwright.config.js';

/** The README's pictures of the running app, taken on request only: `npm run screenshots`. */
export default defineConfig({
  ...base,
  testDir: 'test/screenshots',
  outputDir: '.tmp/playwright-screenshots-results',
  workers: 1,
  reporter: 'line',
});

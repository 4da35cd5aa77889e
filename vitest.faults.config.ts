import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// `npm run test:faults`: only the fault campaign and its helpers' tests (npm test runs them too).
export default defineConfig({ ...base, test: { ...base.test, include: ['test/faults/**/*.test.ts'] } });

// `npm run headless -- [options]`: builds if needed, then runs the headless shell in this process,
// so signals reach it directly and its one stdout line is the only one.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuild, ROOT } from './ensure-build.mjs';

if (!ensureBuild({ quietStdout: true })) process.exit(1);
await import(pathToFileURL(path.join(ROOT, 'dist-electron', 'headless.js')).href);

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const PACKAGE_NAME = 'telegram-connector-yespo';

export interface AppPackage {
  /** The folder holding package.json, `dist/` (the built UI) and `dist-electron/`. */
  root: string;
  version: string;
}

/**
 * Finds the app's package.json by walking up from `fromDir`, so the same code works bundled
 * (`dist-electron/headless.js`) and from source (`electron/headless/main.ts` under tsx).
 */
export function findAppPackage(fromDir: string): AppPackage {
  for (let dir = path.resolve(fromDir); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === PACKAGE_NAME && pkg.version) return { root: dir, version: pkg.version };
    }
    if (path.dirname(dir) === dir) throw new Error(`Cannot find the ${PACKAGE_NAME} package.json above ${fromDir}.`);
  }
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { APP_ID, PRODUCT_NAME } from '../../electron/core/app-id.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

// electron-builder's schema carries its own keywords (e.g. `typeof`), which strict mode would reject.
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(JSON.parse(read('node_modules/app-builder-lib/scheme.json')) as object);

/** The fields asserted below; the schema test checks the whole file. */
interface BuilderConfig {
  appId: string;
  productName: string;
  directories: Record<string, string>;
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  extraResources: unknown;
  electronFuses: Record<string, boolean>;
  win: { target: unknown };
  nsis: Record<string, unknown>;
  mac: { target: unknown } & Record<string, unknown>;
  linux: { target: unknown; icon: string; category: string; maintainer: string };
}

const config = parse(read('electron-builder.yml')) as BuilderConfig;

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(path.join(root, file));
  expect(bytes.subarray(0, 8).toString('hex'), file).toBe('89504e470d0a1a0a');
  expect(bytes.toString('ascii', 12, 16), file).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const targetNames = (targets: unknown): string[] =>
  (Array.isArray(targets) ? targets : [targets]).map((t) => (typeof t === 'string' ? t : (t as { target: string }).target));

describe('electron-builder.yml', () => {
  it('is valid against the schema electron-builder ships', () => {
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('fails the schema on a typo, so the check above can catch one', () => {
    expect(validate({ ...config, appid: config.appId })).toBe(false);
    expect(validate({ ...config, nsis: { ...config.nsis, oneclick: false } })).toBe(false);
    expect(validate({ ...config, electronFuses: { ...config.electronFuses, runAsnode: false } })).toBe(false);
  });

  it('uses the one app id (it names the keychain entries) and the product name', () => {
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe(PRODUCT_NAME);
    expect((JSON.parse(read('package.json')) as { productName: string }).productName).toBe(PRODUCT_NAME);
  });

  it('sets every security fuse', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('unpacks the keyring addon from the asar', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/node_modules/@napi-rs/keyring*/**');
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('packages the built app only', () => {
    expect(config.directories).toEqual({ output: 'release', buildResources: 'build' });
    expect(config.files).toEqual(expect.arrayContaining(['dist/**/*', 'dist-electron/**/*', 'package.json']));
  });

  it('builds NSIS for Windows, DMG for macOS, AppImage and deb for Linux', () => {
    expect(targetNames(config.win.target)).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true });
    expect(targetNames(config.mac.target)).toEqual(['dmg']);
    expect(config.mac).toMatchObject({ category: 'public.app-category.business', hardenedRuntime: true });
    expect(targetNames(config.linux.target)).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Office;Network');
    expect(config.linux.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
  });

  it('has the icons it names, at the sizes the platforms need', () => {
    expect(pngSize('build/icon.png')).toEqual({ width: 1024, height: 1024 });
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      expect(pngSize(`build/${config.linux.icon}/${size}x${size}.png`)).toEqual({ width: size, height: size });
    }
    for (const state of ['ok', 'warning', 'error', 'paused']) {
      expect(pngSize(`build/tray/${state}.png`)).toEqual({ width: 16, height: 16 });
      expect(pngSize(`build/tray/${state}@2x.png`)).toEqual({ width: 32, height: 32 });
    }
  });

  it('ships the run-time icons as extra resources where the shell looks for them', () => {
    expect(config.extraResources).toEqual([
      { from: 'build/tray', to: 'tray' },
      { from: 'build/icons/512x512.png', to: 'icons/512x512.png' },
    ]);
  });
});

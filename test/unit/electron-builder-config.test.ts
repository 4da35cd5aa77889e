import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
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
  extends: string;
  win: { target: unknown } & Record<string, unknown>;
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
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }]);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true });
    expect(targetNames(config.mac.target)).toEqual(['dmg']);
    expect(config.mac).toMatchObject({ category: 'public.app-category.business', hardenedRuntime: true });
    expect((config.mac.target as { arch: string[] }[])[0].arch).toEqual(['x64', 'arm64']);
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

describe('signing and notarisation', () => {
  it('signs only from the environment: no certificate, password or identity in the file', () => {
    const text = read('electron-builder.yml');
    for (const key of ['cscLink', 'cscKeyPassword', 'certificateFile', 'certificatePassword', 'identity:', 'appleId', 'teamId']) {
      expect(text, key).not.toContain(key);
    }
    expect(config.win.signtoolOptions ?? null).toBeNull();
  });

  it('notarises through electron-builder, which does it only when the Apple variables are set', () => {
    // notarize: false would skip it even with the variables; true leaves the decision to them.
    expect(config.mac.notarize).toBe(true);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.entitlements).toBe('build/entitlements.mac.plist');
    expect(config.mac.entitlementsInherit).toBe('build/entitlements.mac.plist');
  });

  it('grants the hardened runtime only what the JavaScript engine needs (no library-validation opt-out: electron-builder signs the keyring addon too)', () => {
    const plist = read('build/entitlements.mac.plist');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((m) => m[1]);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit', 'com.apple.security.cs.allow-unsigned-executable-memory']);
    expect(plist).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<!DOCTYPE plist /);
  });
});

/** The configuration as electron-builder itself assembles it (the YAML and what it extends), in this environment. */
async function builderConfig(): Promise<{ publish?: unknown }> {
  const { getConfig } = createRequire(import.meta.url)('app-builder-lib/out/util/config/config.js') as {
    getConfig: (projectDir: string, configPath: string | null, configFromOptions: null) => Promise<{ publish?: unknown }>;
  };
  return getConfig(root, null, null);
}

describe('the update feed, set at build time', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('is absent without TCY_UPDATE_URL or TCY_UPDATE_GITHUB, even with a GitHub token around', async () => {
    vi.stubEnv('TCY_UPDATE_URL', undefined);
    vi.stubEnv('TCY_UPDATE_GITHUB', undefined);
    vi.stubEnv('GH_TOKEN', 'a-token-for-something-else');
    expect((await builderConfig()).publish).toBeNull();
  });

  it('is the generic address in TCY_UPDATE_URL', async () => {
    vi.stubEnv('TCY_UPDATE_URL', 'https://updates.example.com/tcy/');
    vi.stubEnv('TCY_UPDATE_GITHUB', undefined);
    const merged = await builderConfig();
    expect(merged.publish).toEqual([{ provider: 'generic', url: 'https://updates.example.com/tcy/' }]);
    expect(validate(merged)).toBe(true);
  });

  it('is the GitHub repository in TCY_UPDATE_GITHUB', async () => {
    vi.stubEnv('TCY_UPDATE_URL', undefined);
    vi.stubEnv('TCY_UPDATE_GITHUB', 'yespo/telegram-connector');
    expect((await builderConfig()).publish).toEqual([{ provider: 'github', owner: 'yespo', repo: 'telegram-connector', releaseType: 'release' }]);
  });
});

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ID } from '../../electron/core/app-id.js';
import type { KeychainCheck } from '../../electron/core/contract/types.js';
import { createKeychainSecrets } from '../../electron/core/secrets/keychain.js';
import { SECRET_NAMES } from '../../electron/core/secrets/secret-store.js';
import { redact } from '../../electron/core/redact.js';

const run = promisify(execFile);
const linux = process.platform === 'linux';
const service = `${APP_ID}.test-${process.pid}-${Date.now()}`;
const secrets = createKeychainSecrets(service);
const keychainModule = new URL('../../electron/core/secrets/keychain.ts', import.meta.url).href;

/** What the child prints for one store call: its value, or the error's name and problem. */
interface Attempt {
  value?: string | null;
  error?: string;
  problem?: string;
}

/** Runs a fresh Node process (through tsx) that uses the keychain store with the given environment. */
async function inChild<T>(env: NodeJS.ProcessEnv, body: string): Promise<T> {
  const script = `
    import { createKeychainSecrets } from ${JSON.stringify(keychainModule)};
    const secrets = createKeychainSecrets(${JSON.stringify(service)});
    const attempt = async (call) => {
      try { return { value: await call() }; }
      catch (error) { return { error: error.name, problem: error.problem }; }
    };
    ${body}
  `;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env,
    timeout: 30_000,
  });
  return JSON.parse(stdout) as T;
}

/** Asks the Secret Service itself over D-Bus, so nothing can pass by living in process or kernel memory. */
async function secretServiceHolds(attributes: Record<string, string>): Promise<boolean> {
  const dict = Object.entries(attributes).flat().join(',');
  const { stdout } = await run('dbus-send', [
    '--session',
    '--print-reply',
    '--dest=org.freedesktop.secrets',
    '/org/freedesktop/secrets',
    'org.freedesktop.Secret.Service.SearchItems',
    `dict:string:string:${dict}`,
  ]);
  return stdout.includes('object path');
}

beforeAll(async () => {
  if (linux && !process.env.DBUS_SESSION_BUS_ADDRESS) {
    throw new Error(
      'No D-Bus session (DBUS_SESSION_BUS_ADDRESS is unset), so there is no Secret Service to test against. ' +
        'Run the tests with `npm test`, which wraps them in dbus-run-session with an unlocked gnome-keyring-daemon.',
    );
  }
  const check = await secrets.check();
  if (!check.ok) {
    throw new Error(
      `The OS keychain is not usable, so the keychain tests cannot run: ${check.problem}. ` +
        (linux ? 'Start gnome-keyring-daemon --unlock inside the D-Bus session (as `npm test` does).' : ''),
    );
  }
});

afterAll(async () => {
  for (const name of SECRET_NAMES) await secrets.delete(name);
});

describe('keychain secret store against the real OS keychain', () => {
  it('reports a working keychain and leaves no probe entry behind', async () => {
    expect(await secrets.check()).toEqual({ ok: true, platform: process.platform, source: 'keychain' });
    if (linux) expect(await secretServiceHolds({ service })).toBe(false);
  });

  it('returns null for a secret that was never set', async () => {
    expect(await secrets.get('linkSecret')).toBeNull();
  });

  it('round-trips a secret: set, get, delete', async () => {
    const token = '7412589630:AAF-keychain_roundtrip_test_abcdefghi';
    await secrets.set('botToken', token);
    expect(await secrets.get('botToken')).toBe(token);

    await secrets.delete('botToken');
    expect(await secrets.get('botToken')).toBeNull();
    await expect(secrets.delete('botToken')).resolves.toBeUndefined();
  });

  it('overwrites a secret in place', async () => {
    await secrets.set('yespoApiKey', 'first-api-key-value');
    await secrets.set('yespoApiKey', 'second-api-key-value');
    expect(await secrets.get('yespoApiKey')).toBe('second-api-key-value');
    await secrets.delete('yespoApiKey');
  });

  it('keeps unicode intact', async () => {
    const value = 'ключ-🔑-キー-ĳ-\u00e9\u0301';
    await secrets.set('linkSecret', value);
    expect(await secrets.get('linkSecret')).toBe(value);
    await secrets.delete('linkSecret');
  });

  it('registers every stored value for redaction', async () => {
    await secrets.set('yespoApiKey', 'keychain-redaction-api-key');
    expect(redact('Basic keychain-redaction-api-key')).toBe('Basic <redacted>');
    await secrets.delete('yespoApiKey');
  });

  it('keeps secrets apart per service', async () => {
    const other = createKeychainSecrets(`${service}.other`);
    await secrets.set('linkSecret', 'this-service-secret');
    expect(await other.get('linkSecret')).toBeNull();
    await secrets.delete('linkSecret');
  });

  it.runIf(linux)('stores in the Secret Service, where another process reads it', async () => {
    await secrets.set('botToken', 'stored-for-another-process');
    expect(await secretServiceHolds({ service, username: 'botToken' })).toBe(true);

    const child = await inChild<Attempt>(process.env, `console.log(JSON.stringify(await attempt(() => secrets.get('botToken'))));`);
    expect(child).toEqual({ value: 'stored-for-another-process' });

    await secrets.delete('botToken');
    expect(await secretServiceHolds({ service, username: 'botToken' })).toBe(false);
  });

  it.runIf(linux)('fails loudly, with no fallback store, when the Secret Service cannot be reached', async () => {
    await secrets.set('botToken', 'present-in-the-real-keychain');
    const unreachable = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/telegram-connector-test-bus' };

    const child = await inChild<{ check: KeychainCheck; get: Attempt; set: Attempt; getAfterSet: Attempt; delete: Attempt }>(
      unreachable,
      `console.log(JSON.stringify({
        check: await secrets.check(),
        get: await attempt(() => secrets.get('botToken')),
        set: await attempt(() => secrets.set('linkSecret', 'must-not-be-stored-anywhere')),
        getAfterSet: await attempt(() => secrets.get('linkSecret')),
        delete: await attempt(() => secrets.delete('botToken')),
      }));`,
    );

    expect(child.check).toMatchObject({ ok: false, platform: 'linux', source: 'keychain' });
    expect(child.check.problem).toMatch(/nonexistent\/telegram-connector-test-bus/);
    for (const call of [child.get, child.set, child.getAfterSet, child.delete]) {
      expect(call).toEqual({ error: 'KeychainUnavailable', problem: expect.stringMatching(/D-?Bus/i) });
    }
    expect(await secrets.get('botToken')).toBe('present-in-the-real-keychain');
    await secrets.delete('botToken');
  });
});

import { describe, expect, it } from 'vitest';
import type { UpdateErrorReason, UpdateState } from '../../electron/core/contract/host.js';
import en from '../../renderer/src/locales/en/updates.js';
import uk from '../../renderer/src/locales/uk/updates.js';
import { updateMessage } from '../../renderer/src/host/update-text.js';

const REASONS: UpdateErrorReason[] = ['offline', 'no-release', 'not-trusted', 'disk', 'other'];
const STATES: UpdateState[] = [
  { state: 'unavailable' },
  { state: 'off' },
  { state: 'idle' },
  { state: 'checking' },
  { state: 'up-to-date', checkedAt: 1 },
  { state: 'downloading', version: '1.2.0', percent: 40 },
  { state: 'ready', version: '1.2.0' },
  ...REASONS.map((reason): UpdateState => ({ state: 'error', reason, at: 2 })),
];

function lookup(messages: object, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], { updates: messages });
}

describe('updateMessage: what Settings says about updates', () => {
  it('says updates are off in a build without a feed, and that the browser shell does not update itself', () => {
    expect(updateMessage({ state: 'off' })).toEqual({ key: 'updates.off', tone: 'default' });
    expect(updateMessage({ state: 'unavailable' })).toEqual({ key: 'updates.unavailable', tone: 'default' });
  });

  it('shows the download with its percentage and the ready update with its version', () => {
    expect(updateMessage({ state: 'downloading', version: '1.2.0', percent: 40 })).toEqual({ key: 'updates.downloading', tone: 'info', version: '1.2.0', percent: 40 });
    expect(updateMessage({ state: 'ready', version: '1.2.0' })).toEqual({ key: 'updates.ready', tone: 'success', version: '1.2.0' });
  });

  it('says when it last looked, and explains a failure by its reason', () => {
    expect(updateMessage({ state: 'up-to-date', checkedAt: 5 })).toEqual({ key: 'updates.upToDate', tone: 'default', at: 5 });
    expect(updateMessage({ state: 'error', reason: 'not-trusted', at: 9 })).toEqual({ key: 'updates.errors.not-trusted', tone: 'warning', at: 9 });
  });

  it('waits for the answer before saying anything', () => {
    expect(updateMessage(null)).toBeNull();
  });

  it('has an English and a Ukrainian text for every state', () => {
    for (const state of STATES) {
      const { key } = updateMessage(state)!;
      expect(typeof lookup(en, key), `en ${key}`).toBe('string');
      expect(typeof lookup(uk, key), `uk ${key}`).toBe('string');
    }
  });
});

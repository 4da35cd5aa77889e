import { describe, expect, it, vi } from 'vitest';
import type { Notice, Status } from '../../electron/core/contract/types.js';
import { errorKey, ERROR_CODES } from '../../renderer/src/errors/error-key.js';
import { ACTION_PLANS, type ActionApi } from '../../renderer/src/notices/action-plans.js';
import { noticeMessage } from '../../renderer/src/notices/notice-message.js';

function status(overrides: Partial<Status> = {}): Status {
  return {
    version: '0.1.0',
    dataDir: '/data',
    setupComplete: true,
    paused: false,
    bot: { state: 'polling', username: 'flowers_bot', retention: 'ok', offlineHours: 22.4 },
    sync: { state: 'backing-off', pending: 1234, failed: 3, apiKeyIdleDays: 80 },
    store: { state: 'ok', folder: '/data' },
    logs: { state: 'ok' },
    keychain: 'ok',
    counts: { subscribers: 10, active: 8, blocked: 1, deleted: 1, unsubscribed: 0, inYespo: 7, newThisWeek: 2 },
    notices: [],
    ...overrides,
  };
}

const asText = (value: number) => `#${value}`;
const asTime = (at: number) => `@${at}`;

describe('noticeMessage', () => {
  it('counts the waiting subscribers from the status when the notice carries no params', () => {
    const notice: Notice = { code: 'pushes-waiting', severity: 'warning', action: 'retry-sync' };
    expect(noticeMessage(notice, status(), asText, asTime)).toEqual(
      expect.objectContaining({ key: 'status.notices.pushes-waiting', count: 1234, named: expect.objectContaining({ pending: '#1234' }) }),
    );
  });

  it('prefers the notice’s own params', () => {
    const notice: Notice = { code: 'pushes-waiting', severity: 'warning', params: { pending: 37 } };
    const message = noticeMessage(notice, status(), asText, asTime);
    expect(message.count).toBe(37);
    expect(message.named.pending).toBe('#37');
  });

  it('rounds the offline hours it counts by', () => {
    const message = noticeMessage({ code: 'offline-warning', severity: 'warning' }, status(), asText, asTime);
    expect(message.count).toBe(22);
    expect(message.named.hours).toBe('#22');
  });

  it('counts rejected pushes and idle key days', () => {
    expect(noticeMessage({ code: 'push-rejected', severity: 'warning' }, status(), asText, asTime).count).toBe(3);
    expect(noticeMessage({ code: 'api-key-idle', severity: 'info' }, status(), asText, asTime).count).toBe(80);
  });

  it('gives sentences that count nothing no plural', () => {
    const message = noticeMessage({ code: 'all-good', severity: 'ok' }, status(), asText, asTime);
    expect(message).toEqual(expect.objectContaining({ key: 'status.notices.all-good' }));
    expect(message.count).toBeUndefined();
  });

  it('says when the app tries Telegram again after a 429, as a time of day rather than a number', () => {
    const limited = status({ bot: { state: 'rate-limited', retention: 'ok', nextTryAt: 1_800_000_000_000 } });
    const message = noticeMessage({ code: 'rate-limited', severity: 'info' }, limited, asText, asTime);
    expect(message.named.at).toBe('@1800000000000');
    expect(message.count).toBeUndefined();
  });

  it('names where a damaged file was moved', () => {
    const recovered = status({ store: { state: 'recovered', folder: '/data', movedAside: '/data/store.corrupt-1.json' } });
    expect(noticeMessage({ code: 'store-recovered', severity: 'warning' }, recovered, asText, asTime).named.folder).toBe('/data/store.corrupt-1.json');
    const fromEngine: Notice = { code: 'store-recovered', severity: 'warning', params: { folder: '/elsewhere/store.bad' } };
    expect(noticeMessage(fromEngine, recovered, asText, asTime).named.folder).toBe('/elsewhere/store.bad');
  });
});

describe('ACTION_PLANS', () => {
  function fakeApi(): ActionApi & { calls: string[] } {
    const calls: string[] = [];
    return {
      calls,
      syncNow: vi.fn(async () => (calls.push('syncNow'), status())),
      setPaused: vi.fn(async (args) => (calls.push(`setPaused:${JSON.stringify(args)}`), status())),
      updateSettings: vi.fn(async (patch) => {
        calls.push(`updateSettings:${JSON.stringify(patch)}`);
        return {} as Awaited<ReturnType<ActionApi['updateSettings']>>;
      }),
      showDataFolder: vi.fn(async () => (calls.push('showDataFolder'), null)),
    };
  }

  it('retries the sync, resumes and turns on start at login through the engine', async () => {
    const api = fakeApi();
    for (const action of ['retry-sync', 'resume', 'enable-login-item'] as const) {
      const plan = ACTION_PLANS[action];
      if (plan.kind !== 'call') throw new Error(`${action} should call the engine`);
      await plan.run(api);
    }
    expect(api.calls).toEqual(['syncNow', 'setPaused:{"paused":false}', 'updateSettings:{"startAtLogin":true}']);
  });

  it('sends key and token problems to the Settings field that fixes them', () => {
    expect(ACTION_PLANS['enter-token']).toEqual({ kind: 'navigate', to: { path: '/settings', query: { section: 'bot' } } });
    expect(ACTION_PLANS['enter-api-key']).toEqual({ kind: 'navigate', to: { path: '/settings', query: { section: 'api-key' } } });
    expect(ACTION_PLANS['enter-app-uuid']).toEqual({ kind: 'navigate', to: { path: '/settings', query: { section: 'app-uuid' } } });
    expect(ACTION_PLANS['show-failures']).toEqual({ kind: 'navigate', to: { path: '/failures' } });
    expect(ACTION_PLANS['finish-setup']).toEqual({ kind: 'navigate', to: { path: '/setup' } });
  });

  it('asks before switching the bot and explains the keychain and the data folder', () => {
    expect(ACTION_PLANS['switch-bot']).toEqual({ kind: 'dialog', dialog: 'switch-bot' });
    expect(ACTION_PLANS['keychain-help']).toEqual({ kind: 'dialog', dialog: 'keychain-help' });
    expect(ACTION_PLANS['show-data-folder']).toEqual({ kind: 'dialog', dialog: 'data-folder' });
  });
});

describe('errorKey', () => {
  it('picks the explanation for every code the engine sends', () => {
    for (const code of Object.keys(ERROR_CODES)) {
      expect(errorKey({ code, message: 'engine words' })).toBe(`common.errors.${code}`);
    }
  });

  it('explains anything else as an internal problem, never showing the raw code', () => {
    expect(errorKey(new Error('boom'))).toBe('common.errors.internal');
    expect(errorKey({ code: 'ECONNREFUSED' })).toBe('common.errors.internal');
    expect(errorKey({ code: 'toString' })).toBe('common.errors.internal');
    expect(errorKey(null)).toBe('common.errors.internal');
    expect(errorKey('token_rejected')).toBe('common.errors.internal');
  });
});

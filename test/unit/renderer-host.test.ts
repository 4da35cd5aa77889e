import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventPayloads } from '../../electron/core/contract/api.js';
import { NO_HOST_CAPABILITIES, type HostCapabilities } from '../../electron/core/contract/host.js';
import type { Settings } from '../../electron/core/contract/types.js';
import { desktopControls } from '../../renderer/src/host/desktop-controls.js';
import { actionPlan, type ActionApi } from '../../renderer/src/notices/action-plans.js';

// The stores reach the engine only through the bridge; here it is a fake that records and can push events.
const bridge = vi.hoisted(() => ({
  listeners: new Map<string, Array<(payload: unknown) => void>>(),
  getHostCapabilities: vi.fn<() => Promise<unknown>>(),
  getSettings: vi.fn<() => Promise<unknown>>(),
  getSetup: vi.fn<() => Promise<unknown>>(async () => ({})),
}));
vi.mock('../../renderer/src/bridge/index.js', () => ({
  api: { getHostCapabilities: bridge.getHostCapabilities, getSettings: bridge.getSettings, getSetup: bridge.getSetup },
  onEvent: (event: string, listener: (payload: unknown) => void) => {
    bridge.listeners.set(event, [...(bridge.listeners.get(event) ?? []), listener]);
    return () => undefined;
  },
}));
vi.mock('../../renderer/src/i18n/index.js', () => ({ applyLanguage: () => undefined }));

// The stores are DOM code: imported by a computed path so the Node type check does not follow them into it.
const stores = '../../renderer/src/stores';
const { useHostStore } = (await import(`${stores}/host.js`)) as { useHostStore: () => { capabilities: HostCapabilities | null; load(): Promise<void> } };
const { useSettingsStore } = (await import(`${stores}/settings.js`)) as { useSettingsStore: () => { settings: Settings | null; load(): Promise<void> } };

function push<E extends keyof EventPayloads>(event: E, payload: EventPayloads[E]): void {
  for (const listener of bridge.listeners.get(event) ?? []) listener(payload);
}

const DESKTOP: HostCapabilities = { loginItem: true, closeToTray: true, showFolder: true, notifications: true, updates: false, saveDialog: true };
const LINUX_DESKTOP: HostCapabilities = { ...DESKTOP, closeToTray: false };

function settings(patch: Partial<Settings> = {}): Settings {
  return {
    uiLanguage: 'en',
    closeToTray: true,
    startAtLogin: false,
    askPhone: false,
    askEmail: false,
    identityWaitMinutes: 10,
    texts: {} as Settings['texts'],
    externalIdPrefix: 'tg-',
    batchSize: 100,
    activityPollMinutes: 15,
    telegramApiRoot: 'https://api.telegram.org',
    yespoApiRoot: 'https://yespo.io/api',
    subscriptionEvents: false,
    ...patch,
  };
}

beforeEach(() => {
  setActivePinia(createPinia());
  bridge.listeners.clear();
  vi.clearAllMocks();
});

describe('desktopControls', () => {
  it('shows each desktop switch only where the host can carry it out', () => {
    expect(desktopControls(DESKTOP)).toEqual({ startAtLogin: true, closeToTray: true, desktopNote: false });
    expect(desktopControls(LINUX_DESKTOP)).toEqual({ startAtLogin: true, closeToTray: false, desktopNote: false });
  });

  it('without a desktop (headless) shows neither, and says the switches belong to the desktop app', () => {
    expect(desktopControls(NO_HOST_CAPABILITIES)).toEqual({ startAtLogin: false, closeToTray: false, desktopNote: true });
  });

  it('shows nothing until the capabilities are known, so a switch never flashes up and away', () => {
    expect(desktopControls(null)).toEqual({ startAtLogin: false, closeToTray: false, desktopNote: false });
  });
});

describe('the "show the folder" notice action', () => {
  it('opens the folder through the host where it can', async () => {
    const plan = actionPlan('show-data-folder', DESKTOP);
    if (plan.kind !== 'call') throw new Error('show-data-folder should call the engine on the desktop');
    const api = { showDataFolder: vi.fn(async () => null) } as unknown as ActionApi;
    await plan.run(api);
    expect(api.showDataFolder).toHaveBeenCalledOnce();
    expect(plan.otherwise).toBe('data-folder');
  });

  it('shows the folder’s path in a dialog where the host cannot open it', () => {
    expect(actionPlan('show-data-folder', NO_HOST_CAPABILITIES)).toEqual({ kind: 'dialog', dialog: 'data-folder' });
  });

  it('leaves every other action as it is', () => {
    expect(actionPlan('show-failures', DESKTOP)).toEqual({ kind: 'navigate', to: { path: '/failures' } });
  });
});

describe('the host store', () => {
  it('asks the engine once, however many screens want to know', async () => {
    bridge.getHostCapabilities.mockResolvedValue(LINUX_DESKTOP);
    const host = useHostStore();
    await Promise.all([host.load(), host.load()]);
    await host.load();
    expect(host.capabilities).toEqual(LINUX_DESKTOP);
    expect(bridge.getHostCapabilities).toHaveBeenCalledOnce();
  });

  it('assumes no desktop when the engine does not answer, and asks again next time', async () => {
    bridge.getHostCapabilities.mockRejectedValueOnce(new Error('unreachable')).mockResolvedValueOnce(DESKTOP);
    const host = useHostStore();
    await host.load();
    expect(host.capabilities).toEqual(NO_HOST_CAPABILITIES);
    await host.load();
    expect(host.capabilities).toEqual(DESKTOP);
    expect(bridge.getHostCapabilities).toHaveBeenCalledTimes(2);
  });
});

describe('the settings store', () => {
  it('shows a change made elsewhere (another window, the tray) as soon as the engine announces it', async () => {
    bridge.getSettings.mockResolvedValue(settings());
    const store = useSettingsStore();
    await store.load();
    push('settings', settings({ startAtLogin: true }));
    expect(store.settings?.startAtLogin).toBe(true);
  });
});

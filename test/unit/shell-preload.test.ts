import { describe, expect, it, vi } from 'vitest';
import { EVENTS, IPC_EVENT_PREFIX, IPC_PREFIX, METHODS } from '../../electron/core/contract/methods.js';
import { buildWindowApi, type IpcRendererLike } from '../../electron/preload/window-api.js';

type Listener = (event: unknown, ...args: unknown[]) => void;

function fakeIpc() {
  const listeners = new Map<string, Set<Listener>>();
  const ipc = {
    invoke: vi.fn(async (channel: string, args: unknown) => ({ ok: true, value: { channel, args } })),
    on(channel: string, listener: Listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    },
    removeListener(channel: string, listener: Listener) {
      listeners.get(channel)?.delete(listener);
    },
  } satisfies IpcRendererLike;
  const emit = (channel: string, payload: unknown) => {
    for (const listener of listeners.get(channel) ?? []) listener({ sender: 'the IPC event' }, payload);
  };
  return { ipc, emit, count: (channel: string) => listeners.get(channel)?.size ?? 0 };
}

describe('buildWindowApi', () => {
  it('has one function per contract method plus on, and nothing else', () => {
    const api = buildWindowApi(fakeIpc().ipc);
    expect(Object.keys(api).sort()).toEqual([...METHODS, 'on'].sort());
    for (const method of METHODS) expect(typeof api[method]).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('invokes the prefixed channel with the argument and returns the envelope', async () => {
    const { ipc } = fakeIpc();
    const api = buildWindowApi(ipc);
    await expect(api.getSubscriber({ chatId: 42 })).resolves.toEqual({ ok: true, value: { channel: `${IPC_PREFIX}getSubscriber`, args: { chatId: 42 } } });
    await api.getStatus();
    expect(ipc.invoke).toHaveBeenLastCalledWith(`${IPC_PREFIX}getStatus`, undefined);
  });

  it('gives listeners the payload only, never the IPC event', () => {
    const { ipc, emit } = fakeIpc();
    const api = buildWindowApi(ipc);
    const listener = vi.fn();
    api.on('status', listener);
    emit(`${IPC_EVENT_PREFIX}status`, { version: '1' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([{ version: '1' }]);
  });

  it('unsubscribes', () => {
    const { ipc, emit, count } = fakeIpc();
    const api = buildWindowApi(ipc);
    const listener = vi.fn();
    const off = api.on('subscribers', listener);
    expect(count(`${IPC_EVENT_PREFIX}subscribers`)).toBe(1);
    off();
    expect(count(`${IPC_EVENT_PREFIX}subscribers`)).toBe(0);
    emit(`${IPC_EVENT_PREFIX}subscribers`, { changed: 1 });
    expect(listener).not.toHaveBeenCalled();
  });

  it('subscribes to every contract event and rejects any other name', () => {
    const { ipc, count } = fakeIpc();
    const api = buildWindowApi(ipc);
    for (const event of EVENTS) {
      api.on(event, () => {});
      expect(count(`${IPC_EVENT_PREFIX}${event}`)).toBe(1);
    }
    const on = api.on as (event: unknown, listener: unknown) => () => void;
    expect(() => on('api:getStatus', () => {})).toThrow(/no event/);
    expect(() => on('__proto__', () => {})).toThrow(/no event/);
    expect(() => on('status', 'not a function')).toThrow(TypeError);
  });
});

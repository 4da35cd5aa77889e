import type { EventPayloads } from '../../../electron/core/contract/api.js';
import { EVENTS, type EventName, type MethodName } from '../../../electron/core/contract/methods.js';
import type { Result } from '../../../electron/core/contract/types.js';
import { contactAfterProbe, probeOf, reconnectDelay as spreadDelay, type Contact, type Probe } from './contact.js';
import type { Transport } from './transport.js';

export interface SocketHandlers {
  open(): void;
  message(data: string): void;
  /** After an error too: every ending leads to a reconnect. */
  close(): void;
}

/** Opens the event socket; tests hand in a Node client instead of the browser's WebSocket. */
export type OpenSocket = (url: string, handlers: SocketHandlers) => void;

function openBrowserSocket(url: string, handlers: SocketHandlers): void {
  const socket = new WebSocket(url);
  socket.onopen = () => handlers.open();
  socket.onmessage = (message) => handlers.message(String(message.data));
  socket.onclose = () => handlers.close();
}

export interface HttpTransportOptions {
  /** Where the headless shell answers; the page's own origin by default. */
  baseUrl?: () => string;
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  openSocket?: OpenSocket;
  /** Milliseconds to wait before reconnect attempt `attempt` (0-based). */
  reconnectDelay?: (attempt: number) => number;
  now?: () => number;
}

function isEnvelope(body: unknown): body is Result<unknown> {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  return body.ok === true ? 'value' in body : body.ok === false && 'error' in body;
}

function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENTS as readonly string[]).includes(name);
}

/**
 * Talks to the headless shell: `POST /api/<method>` for calls (the session cookie rides along),
 * and one WebSocket on `/api/events` for pushes, reconnected with backoff. Whatever happened while
 * the socket was down is caught up by re-reading status and setup as soon as it is back.
 */
export function createHttpTransport(options: HttpTransportOptions = {}): Transport {
  // Through globalThis: this module is also type-checked (and tested) on the Node side, which has no DOM.
  const baseUrl = options.baseUrl ?? (() => (globalThis as unknown as { location: { origin: string } }).location.origin);
  const doFetch = options.fetch ?? ((url, init) => fetch(url, init));
  const openSocket = options.openSocket ?? openBrowserSocket;
  const reconnectDelay = options.reconnectDelay ?? ((attempt: number) => spreadDelay(attempt, Math.random()));
  const now = options.now ?? Date.now;
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const contactListeners = new Set<(contact: Contact) => void>();
  let contact: Contact = 'connected';
  let socketStarted = false;

  function setContact(next: Contact): void {
    if (next === contact) return;
    contact = next;
    for (const listener of contactListeners) listener(next);
  }

  /** Asks the address whether this tab's app still answers there; the browser's socket cannot tell a 401 from a closed port. */
  async function probe(): Promise<Probe> {
    try {
      const response = await doFetch(`${baseUrl()}/api/getStatus`, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: '' });
      return probeOf(response.status);
    } catch {
      return probeOf(null);
    }
  }

  async function call(method: MethodName, args: unknown): Promise<Result<unknown>> {
    let response: Response;
    try {
      response = await doFetch(`${baseUrl()}/api/${method}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: args === undefined ? '' : JSON.stringify(args),
      });
    } catch {
      return { ok: false, error: { code: 'internal', message: 'The app did not answer.', details: { unreachable: true } } };
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (isEnvelope(body)) return body;
    const code = response.status === 401 || response.status === 403 ? 'forbidden' : 'internal';
    return { ok: false, error: { code, message: `The app answered with HTTP ${response.status}.` } };
  }

  function emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    for (const listener of listeners.get(event) ?? []) (listener as (p: EventPayloads[E]) => void)(payload);
  }

  async function catchUp(reconnected: boolean): Promise<void> {
    const status = await call('getStatus', undefined);
    if (status.ok) emit('status', status.value as EventPayloads['status']);
    const setup = await call('getSetup', undefined);
    if (setup.ok) emit('setup', setup.value as EventPayloads['setup']);
    // Subscriber changes while away are not replayed: lists re-query on this poke instead.
    if (reconnected) emit('subscribers', { changed: 0 });
  }

  function connect(): void {
    let attempt = 0;
    let opened = false;
    let lostSince: number | null = null;
    const open = (): void => {
      openSocket(`${baseUrl().replace(/^http/, 'ws')}/api/events`, {
        open() {
          attempt = 0;
          lostSince = null;
          setContact('connected');
          void catchUp(opened);
          opened = true;
        },
        message(data) {
          let message: { event?: unknown; payload?: unknown };
          try {
            message = JSON.parse(data) as typeof message;
          } catch {
            return;
          }
          if (isEventName(message.event)) emit(message.event, message.payload as never);
        },
        close() {
          // Pushes stop from this moment: the screens must not go on showing the last status as current.
          const since = (lostSince ??= now());
          if (contact === 'connected') setContact('lost');
          void probe().then((found) => {
            setContact(contactAfterProbe(found, now() - since));
            setTimeout(open, reconnectDelay(attempt++));
          });
        },
      });
    };
    open();
  }

  return {
    call,
    on(event, listener) {
      if (!socketStarted) {
        socketStarted = true;
        connect();
      }
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    onContact(listener) {
      contactListeners.add(listener);
      return () => {
        contactListeners.delete(listener);
      };
    },
  };
}

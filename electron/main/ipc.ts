import { ipcMain, type WebContents } from 'electron';
import { EVENTS, IPC_EVENT_PREFIX, IPC_PREFIX, METHODS } from '../core/contract/methods.js';
import { dispatch } from '../core/contract/dispatch.js';
import { ApiFailure, fail } from '../core/contract/errors.js';
import type { Result } from '../core/contract/types.js';
import type { Engine } from '../core/engine.js';
import type { Logger } from '../core/log.js';
import { isTrustedSender } from './trusted-sender.js';

export interface IpcOptions {
  allowedOrigins: readonly string[];
  /** Only the app's own window may call; any other web contents is refused outright. */
  isOwnWindow: (contents: WebContents) => boolean;
  logger: Logger;
}

/** One handler per contract method: sender check, then `dispatch` validates and calls the engine. */
export function registerIpc(engine: Engine, options: IpcOptions): void {
  for (const method of METHODS) {
    ipcMain.handle(IPC_PREFIX + method, async (event, args: unknown): Promise<Result<unknown>> => {
      const frame = event.senderFrame;
      const trusted =
        options.isOwnWindow(event.sender) && frame !== null && isTrustedSender(frame.url, frame.parent === null, options.allowedOrigins);
      if (!trusted) {
        options.logger.warn({ method, url: frame?.url.slice(0, 200) }, 'refused an API call from an untrusted sender');
        return fail(new ApiFailure('forbidden', 'This page may not use the app API.'));
      }
      return dispatch(engine.api, method, args, (name, error) => {
        options.logger.error({ err: error, method: name }, 'an API call failed');
      });
    });
  }
}

/** Forwards every engine event to the window; returns a function that stops forwarding. */
export function forwardEvents(engine: Engine, target: () => WebContents | null): () => void {
  const stops = EVENTS.map((name) =>
    engine.on(name, (payload) => {
      const contents = target();
      if (contents && !contents.isDestroyed()) contents.send(IPC_EVENT_PREFIX + name, payload);
    }),
  );
  return () => stops.forEach((stop) => stop());
}

import { GrammyError, HttpError } from 'grammy';
import { errorText } from '../error-text.js';

/** What a failed Bot API call means for us, decided from grammY's error. */
export type TelegramFailure =
  | { kind: 'unauthorized'; detail: string }
  | { kind: 'webhook-set'; detail: string }
  | { kind: 'conflict'; detail: string }
  | { kind: 'rate-limited'; retryAfterSeconds: number; detail: string }
  | { kind: 'blocked'; detail: string }
  | { kind: 'deactivated'; detail: string }
  | { kind: 'bad-request'; detail: string }
  | { kind: 'aborted'; detail: string }
  /** Network, timeout, 5xx, an HTML page from a proxy: try again later, nothing is known to have failed. */
  | { kind: 'transient'; detail: string; maybeDelivered: boolean };

const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

function causeCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown; error?: unknown }).error ?? (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export function classifyTelegramError(error: unknown): TelegramFailure {
  if (error instanceof GrammyError) {
    const detail = errorText(`${error.error_code} ${error.description}`);
    const text = error.description.toLowerCase();
    switch (error.error_code) {
      case 401:
      case 404:
        return { kind: 'unauthorized', detail };
      case 409:
        return text.includes('webhook') ? { kind: 'webhook-set', detail } : { kind: 'conflict', detail };
      case 429: {
        // Kept as asked, however large: the wait rule (wait.ts) decides how much of it to obey.
        const asked = Number(error.parameters?.retry_after);
        return { kind: 'rate-limited', retryAfterSeconds: Number.isNaN(asked) ? 5 : Math.max(1, asked), detail };
      }
      case 403:
        return text.includes('deactivated') ? { kind: 'deactivated', detail } : { kind: 'blocked', detail };
      case 400:
        return { kind: 'bad-request', detail };
      default:
        return { kind: 'transient', detail, maybeDelivered: false };
    }
  }
  const name = (error as { name?: string })?.name;
  const inner = error instanceof HttpError ? error.error : error;
  if (name === 'AbortError' || (inner as { name?: string })?.name === 'AbortError') return { kind: 'aborted', detail: 'aborted' };
  const code = causeCode(inner);
  const message = errorText(error instanceof Error ? error.message : String(error));
  return { kind: 'transient', detail: code ? `${message} (${code})` : message, maybeDelivered: !(code && NOT_SENT.has(code)) };
}

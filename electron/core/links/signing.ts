import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Signed deep-link payloads let a website send a known customer to the bot
 * (`https://t.me/<bot>?start=<payload>`), so their Telegram token lands on the right Yespo contact.
 * Telegram allows 1..64 characters of A-Z a-z 0-9 _ -, so the format is compact:
 *   "s" + kind ("e" externalCustomerId | "c" contactId) + base64url(id) + 16-char base64url HMAC
 * The HMAC is SHA-256 over `${kind}:${id}` with the install's secret, cut to 12 bytes.
 */
export type SignedKind = 'externalCustomerId' | 'contactId';

const KIND_CODE: Record<SignedKind, string> = { externalCustomerId: 'e', contactId: 'c' };
const SIG_LENGTH = 16;
const MAX_PAYLOAD = 64;
/** Telegram's payload alphabet; Node's base64url decoder would also read `+ / =` and skip spaces. */
const PAYLOAD_CHARS = /^[A-Za-z0-9_-]+$/;

export function newLinkSecret(): string {
  return randomBytes(32).toString('base64url');
}

function signature(secret: string, code: string, id: string): string {
  return createHmac('sha256', secret).update(`${code}:${id}`).digest().subarray(0, 12).toString('base64url');
}

/** The payload for one customer, or null when the id is too long to fit Telegram's 64 characters. */
export function signPayload(secret: string, kind: SignedKind, id: string): string | null {
  const code = KIND_CODE[kind];
  const payload = `s${code}${Buffer.from(id, 'utf8').toString('base64url')}${signature(secret, code, id)}`;
  return payload.length <= MAX_PAYLOAD ? payload : null;
}

/** The identity a payload proves, or null for an unsigned, tampered or foreign payload. */
export function verifyPayload(secret: string, payload: string): { kind: SignedKind; value: string } | null {
  if (payload.length < 2 + 1 + SIG_LENGTH || payload.length > MAX_PAYLOAD || payload[0] !== 's' || !PAYLOAD_CHARS.test(payload)) return null;
  const code = payload[1];
  const kind = (Object.keys(KIND_CODE) as SignedKind[]).find((k) => KIND_CODE[k] === code);
  if (!kind) return null;
  const encoded = payload.slice(2, -SIG_LENGTH);
  const given = Buffer.from(payload.slice(-SIG_LENGTH), 'base64url');
  const id = Buffer.from(encoded, 'base64url').toString('utf8');
  if (!id || Buffer.from(id, 'utf8').toString('base64url') !== encoded) return null;
  const expected = Buffer.from(signature(secret, code, id), 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (kind === 'contactId' && !/^[1-9]\d{0,17}$/.test(id)) return null;
  return { kind, value: id };
}

/**
 * Whether `payload` is a signed link for `identity` (its signature is not checked again: the identity
 * was stored only after it was), so the screens can name the customer instead of showing the payload.
 */
export function payloadNames(payload: string, identity: { kind: SignedKind; value: string }): boolean {
  const head = `s${KIND_CODE[identity.kind]}${Buffer.from(identity.value, 'utf8').toString('base64url')}`;
  return payload.length === head.length + SIG_LENGTH && payload.startsWith(head) && PAYLOAD_CHARS.test(payload);
}

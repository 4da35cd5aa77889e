import type { IdentityKind, Language, SubscriberEvent } from '../../../electron/core/contract/types.js';
import { formatPhone } from '../format/phone.js';

type Translate = (key: string, named: Record<string, unknown>, plural?: number) => string;

const IDENTITY_KINDS: readonly string[] = ['contactId', 'externalCustomerId', 'phone', 'email'] satisfies IdentityKind[];
const UPDATED_FIELDS: readonly string[] = ['phone', 'email', 'name'];
const DAY_SECONDS = 86_400;

/**
 * The line under an entry of a subscriber's story. The engine writes some details as data ("phone
 * 380…" for a push, "phone, name" for a contact update, seconds for a pause): those are put in words
 * of the UI language. What Telegram or Yespo said, and a button's data, are quoted as they came.
 */
export function storyDetail(event: SubscriberEvent, t: Translate, language: Language): string | undefined {
  const { detail } = event;
  if (detail === undefined) return undefined;
  if (event.type === 'pushed') {
    const space = detail.indexOf(' ');
    const kind = detail.slice(0, space);
    if (space < 1 || !IDENTITY_KINDS.includes(kind)) return detail;
    const value = detail.slice(space + 1);
    return `${t(`subscribers.identity.${kind}`, {})}: ${kind === 'phone' ? formatPhone(value) : value}`;
  }
  if (event.type === 'contact-updated') {
    const fields = detail.split(', ');
    if (!fields.every((field) => UPDATED_FIELDS.includes(field))) return detail;
    return new Intl.ListFormat(language, { type: 'conjunction' }).format(fields.map((field) => t(`subscribers.storyDetail.${field}`, {})));
  }
  if (event.type === 'muted') {
    if (!/^\d+$/.test(detail)) return detail;
    const days = Math.max(1, Math.round(Number(detail) / DAY_SECONDS));
    return t('subscribers.storyDetail.mutedDays', { count: days }, days);
  }
  return detail;
}

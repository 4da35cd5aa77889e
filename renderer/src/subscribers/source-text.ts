import type { SignedLink } from '../../../electron/core/contract/types.js';

type Translate = (key: string, named?: Record<string, unknown>) => string;

export interface SourceText {
  text: string;
  /** The link was signed with the app's key: the website vouched for who this is. */
  verified: boolean;
}

/**
 * Where someone came from, in words: "Personal link · customer crm-77" for a signed link (it says
 * more than any tag that came along), "Source: crm_999" for a plain deep-link tag, null for neither.
 */
export function sourceText(t: Translate, from: { source?: string; signedLink?: SignedLink }): SourceText | null {
  const link = from.signedLink;
  if (link) return { text: t(link.kind === 'contactId' ? 'subscribers.source.contact' : 'subscribers.source.customer', { id: link.value }), verified: true };
  if (from.source) return { text: t('subscribers.source.tag', { tag: from.source }), verified: false };
  return null;
}

import { describe, expect, it } from 'vitest';
import { signPayload } from '../../electron/core/links/signing.js';
import type { StoredSubscriber } from '../../electron/core/store/schema.js';
import { publicEvent, publicSubscriber } from '../../electron/core/subscribers/public.js';

const KEY = 'test-link-key';

function stored(fields: Partial<StoredSubscriber>): StoredSubscriber {
  return { botId: 1, chatId: 42, firstName: 'Olena', state: 'active', firstStartAt: 1, lastStartAt: 1, yespo: { state: 'pending' }, tokenInYespo: false, ...fields };
}

describe('where a subscriber came from, as the UI sees it', () => {
  it('names the customer of a signed link and keeps its payload out of the UI', () => {
    const payload = signPayload(KEY, 'externalCustomerId', 'crm-77')!;
    const s = publicSubscriber(stored({ source: payload, signedIdentity: { kind: 'externalCustomerId', value: 'crm-77' } }), 'tg-');
    expect(s.signedLink).toEqual({ kind: 'externalCustomerId', value: 'crm-77' });
    expect(s.source).toBeUndefined();
    expect(JSON.stringify(s)).not.toContain(payload);
  });

  it('names the Yespo contact of a signed contact link', () => {
    const payload = signPayload(KEY, 'contactId', '12345')!;
    const s = publicSubscriber(stored({ source: payload, signedIdentity: { kind: 'contactId', value: '12345' } }), 'tg-');
    expect(s.signedLink).toEqual({ kind: 'contactId', value: '12345' });
    expect(s.source).toBeUndefined();
  });

  it('keeps a plain tag as the source, next to a signed link that came later', () => {
    expect(publicSubscriber(stored({ source: 'crm_999' }), 'tg-')).toMatchObject({ source: 'crm_999' });
    expect(publicSubscriber(stored({ source: 'crm_999' }), 'tg-').signedLink).toBeUndefined();
    const both = publicSubscriber(stored({ source: 'crm_999', signedIdentity: { kind: 'externalCustomerId', value: 'crm-77' } }), 'tg-');
    expect(both).toMatchObject({ source: 'crm_999', signedLink: { kind: 'externalCustomerId', value: 'crm-77' } });
  });

  it('turns the story’s start through the signed link into the customer it named', () => {
    const payload = signPayload(KEY, 'externalCustomerId', 'crm-77')!;
    const s = stored({ signedIdentity: { kind: 'externalCustomerId', value: 'crm-77' } });
    expect(publicEvent({ at: 5, type: 'started', detail: payload }, s)).toEqual({ at: 5, type: 'started', signedLink: { kind: 'externalCustomerId', value: 'crm-77' } });
    expect(publicEvent({ at: 6, type: 'started', detail: 'crm_999' }, s)).toEqual({ at: 6, type: 'started', detail: 'crm_999' });
    expect(publicEvent({ at: 7, type: 'started', detail: payload }, stored({}))).toEqual({ at: 7, type: 'started', detail: payload });
  });

  it('does not take a payload signed for someone else for the stored identity', () => {
    const other = signPayload(KEY, 'externalCustomerId', 'crm-78')!;
    const s = publicSubscriber(stored({ source: other, signedIdentity: { kind: 'externalCustomerId', value: 'crm-77' } }), 'tg-');
    expect(s.source).toBe(other);
  });
});

import { describe, expect, it } from 'vitest';
import { YESPO_EVENT_KEYS } from '../../electron/core/contract/yespo-events.js';
import { buttonEvent, eventBody, joinEvent, leaveEvent } from '../../electron/core/yespo/events.js';
import { staleAnswers, ANSWER_WINDOW_MS } from '../../electron/core/telegram/callback-answers.js';

const anonymous = { chatId: 501, pushed: { externalCustomerId: 'tg-501', at: 1 } };

describe('Yespo event bodies', () => {
  it('names the contact by what the token push sent, then the chat and the event’s own params', () => {
    expect(eventBody(buttonEvent('promo_spring'), anonymous)).toEqual({
      eventTypeKey: YESPO_EVENT_KEYS.button,
      params: [
        { name: 'externalCustomerId', value: 'tg-501' },
        { name: 'chatId', value: '501' },
        { name: 'identifiedBy', value: 'anonymous' },
        { name: 'data', value: 'promo_spring' },
      ],
    });
    const signed = { chatId: 7, signedIdentity: { kind: 'contactId' as const, value: '42' }, pushed: { contactId: 42, phone: '380501112233', at: 1 } };
    expect(eventBody(buttonEvent('x'), signed)?.params.slice(0, 4)).toEqual([
      { name: 'contactId', value: '42' },
      { name: 'phone', value: '380501112233' },
      { name: 'chatId', value: '7' },
      { name: 'identifiedBy', value: 'signed-link' },
    ]);
    expect(eventBody(buttonEvent('x'), { chatId: 8, pushed: { email: 'a@b.co', at: 1 } })?.params).toContainEqual({ name: 'identifiedBy', value: 'email' });
  });

  it('has nothing to send before the token went out', () => {
    expect(eventBody(buttonEvent('x'), { chatId: 9 })).toBeNull();
  });

  it('tells a signed link from a source tag and leaves out what is unknown', () => {
    expect(joinEvent({ payload: 'crm_999', signed: false, languageCode: 'uk' })).toEqual({ kind: 'joined', params: { source: 'crm_999', sourceKind: 'tag', language: 'uk' } });
    expect(joinEvent({ payload: 'seAbc', signed: true })).toEqual({ kind: 'joined', params: { source: 'signed-link', sourceKind: 'signed-link' } });
    expect(joinEvent({ signed: false })).toEqual({ kind: 'joined', params: { sourceKind: 'none' } });
    expect(leaveEvent('blocked', 'en')).toEqual({ kind: 'left', params: { reason: 'blocked', language: 'en' } });
    expect(eventBody(leaveEvent('stop'), anonymous)?.eventTypeKey).toBe(YESPO_EVENT_KEYS.left);
  });
});

describe('callback answers', () => {
  it('drops an answer once the button has stopped waiting for it', () => {
    const at = 1_000_000;
    const items = [
      { id: 'a', botId: 1, chatId: 1, createdAt: at - ANSWER_WINDOW_MS },
      { id: 'b', botId: 1, chatId: 1, createdAt: at - ANSWER_WINDOW_MS + 1 },
    ];
    expect(staleAnswers(items, at).map((i) => i.id)).toEqual(['a']);
  });
});

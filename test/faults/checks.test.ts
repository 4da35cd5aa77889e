import { describe, expect, it } from 'vitest';
import type { StoredEvent, StoredSubscriber } from '../../electron/core/store/schema.js';
import type { FakeContact, TokenRequest } from '../fakes/yespo/server.js';
import { checkOutcome, findSecrets, secretForms, type OutcomeInput } from './checks.js';
import type { ExpectedUser } from './scenario.js';

const APP = 'app-uuid';

function subscriber(chatId: number, extra: Partial<StoredSubscriber> = {}): StoredSubscriber {
  return { botId: 1, chatId, firstName: 'A', state: 'active', firstStartAt: 0, lastStartAt: 0, yespo: { state: 'synced' }, tokenInYespo: true, ...extra };
}

function contact(id: number, tokens: string[], extra: Partial<FakeContact> = {}): FakeContact {
  return { id, tokens: tokens.map((token) => ({ appUuid: APP, token })), ...extra };
}

function push(tokens: number[], status = 200): TokenRequest {
  return { appUuid: APP, tokens: tokens.map((t) => ({ token: String(t) })), status, at: 0 };
}

function input(expected: Array<[number, ExpectedUser]>, extra: Partial<OutcomeInput> = {}): OutcomeInput {
  return {
    expected: new Map(expected),
    chatIdOf: (u) => 100 + u,
    subscribers: [],
    eventsOf: () => [{ at: 0, type: 'started' } as StoredEvent],
    foreignPhones: new Set(['44207000001']),
    contacts: [],
    tokenRequests: [],
    appUuid: APP,
    outbox: [],
    replies: 0,
    telegramPending: 0,
    kills: 1,
    inFlightPerKill: 2,
    ...extra,
  };
}

const problemsOf = (i: OutcomeInput): Record<string, string[]> => Object.fromEntries(checkOutcome(i).checks.map((c) => [c.guarantee, c.problems]));

describe('the campaign checks', () => {
  const one: ExpectedUser = { starts: 1, state: 'active', comebacks: 0 };

  it('hold when the engine and Yespo match the events', () => {
    const outcome = checkOutcome(input([[0, one]], { subscribers: [subscriber(100)], contacts: [contact(1, ['100'])], tokenRequests: [push([100])] }));
    expect(outcome.checks.flatMap((c) => c.problems)).toEqual([]);
    expect(outcome).toMatchObject({ lostSubscribers: 0, lostPresses: 0, lostTokens: 0, duplicatePushes: 0, duplicateBound: 2 });
  });

  it('name a lost subscriber, a lost token, a wrong state, a foreign phone and a doubled /start', () => {
    const expected: Array<[number, ExpectedUser]> = [
      [0, one],
      [1, { starts: 2, state: 'blocked', comebacks: 0 }],
      [2, { starts: 1, state: 'active', phone: '380501000002', comebacks: 0 }],
    ];
    const broken = input(expected, {
      subscribers: [subscriber(101), subscriber(102, { phone: '44207000001' })],
      eventsOf: (chatId) => Array.from({ length: chatId === 102 ? 2 : 1 }, () => ({ at: 0, type: 'started' }) as StoredEvent),
      contacts: [contact(7, [], { phone: '+44207000001' })],
    });
    expect(checkOutcome(broken)).toMatchObject({ lostSubscribers: 1, lostPresses: 2, lostTokens: 2 });
    const p = problemsOf(broken);
    expect(p['every subscriber is recorded']).toEqual(['chat 100 pressed Start 1× and is not recorded']);
    expect(p['every /start is recorded exactly once']).toEqual(['chat 101: 1 "started" events for 2 presses', 'chat 102: 2 "started" events for 1 presses']);
    expect(p['the final state follows the last event']).toEqual(['chat 101 is active, its last event made it blocked']);
    expect(p['the phone comes only from the own contact card']).toEqual(['chat 102 has phone 44207000001 (a foreign contact), its own card says 380501000002']);
    expect(p['every active subscriber has its token on exactly one Yespo contact']).toEqual(['token 100 is on 0 contacts', 'token 102 is on 0 contacts']);
    expect(p['no foreign number reaches Yespo']).toEqual(['contact 7 holds the foreign number +44207000001']);
  });

  it('count pushes beyond the comebacks against the bound, and ignore refused requests', () => {
    const expected: Array<[number, ExpectedUser]> = [
      [0, { ...one, comebacks: 1 }],
      [1, one],
    ];
    const within = checkOutcome(input(expected, { tokenRequests: [push([100, 101]), push([100, 101]), push([101], 503)] }));
    expect(within.duplicatePushes).toBe(1);
    expect(within.checks.find((c) => c.guarantee.startsWith('duplicate'))!.problems).toEqual([]);
    const beyond = checkOutcome(input(expected, { tokenRequests: [push([100, 101]), push([100, 101]), push([100, 101]), push([101])] }));
    expect(beyond.duplicatePushes).toBe(4);
    expect(beyond.checks.find((c) => c.guarantee.startsWith('duplicate'))!.problems).toEqual(['4 repeated pushes beyond the comebacks; 1 kills allow 2']);
  });

  it('name a signed token on the wrong contact and whatever is stuck', () => {
    const p = problemsOf(
      input([[0, { ...one, signedId: 'cust-0' }]], {
        subscribers: [subscriber(100)],
        contacts: [contact(3, ['100'], { externalCustomerId: 'tg-100' })],
        outbox: [{ id: 'contact:1:100', kind: 'contact', botId: 1, chatId: 100, createdAt: 0, attempts: 2, nextAttemptAt: 0, state: 'waiting', lastError: '409' }],
        replies: 4,
        telegramPending: 5,
      }),
    );
    expect(p['a signed link puts the token on its customer']).toEqual(['token 100 from a link signed for cust-0 is on contact 3 (externalCustomerId tg-100)']);
    expect(p['nothing is stuck']).toEqual(['1 pushes still in the outbox: contact waiting ×1 (last error: 409)', '4 replies still queued', '5 updates never confirmed to Telegram']);
  });
});

describe('the secret scan', () => {
  const forms = secretForms({ botToken: '123456:AAsecret_half-xyz', apiKey: 'KEY0123456789', linkSecret: 'link-secret-value' });

  it('finds every form of every secret', () => {
    const text = [
      'GET /bot123456%3AAAsecret_half-xyz/getMe',
      `Authorization: Basic ${Buffer.from('api:KEY0123456789').toString('base64')}`,
      Buffer.from('KEY0123456789').toString('base64'),
      'link-secret-value',
    ].join('\n');
    expect(findSecrets([{ where: 'engine.log', text }], forms)).toEqual([
      "engine.log holds the bot token's secret half",
      'engine.log holds the URL-encoded bot token',
      'engine.log holds base64 of "api:KEY" (the Basic header)',
      'engine.log holds base64 of the API key',
      'engine.log holds the link-signing key',
    ]);
  });

  it('finds nothing in redacted text', () => {
    expect(findSecrets([{ where: 'engine.log', text: 'GET /bot123456:<redacted>/getMe, key …6789' }], forms)).toEqual([]);
  });
});

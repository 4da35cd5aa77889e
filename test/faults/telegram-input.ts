import { signPayload } from '../../electron/core/links/signing.js';
import type { FakeTelegram, FakeUser } from '../fakes/telegram/server.js';
import { digits, type ScenarioEvent } from './scenario.js';

function startPayload(e: Extract<ScenarioEvent, { kind: 'start' }>, linkSecret: string): string | undefined {
  if (!e.payload) return undefined;
  if ('tag' in e.payload) return e.payload.tag;
  const signed = signPayload(linkSecret, 'externalCustomerId', e.payload.signed);
  if (signed === null) throw new Error(`customer id ${e.payload.signed} does not fit in a Telegram link`);
  return signed;
}

/** Turns scenario events into what the users do in the fake Telegram; signed links use the engine's key. */
export function telegramInput(tg: FakeTelegram, users: readonly FakeUser[], linkSecret: string): (e: ScenarioEvent) => void {
  return (e) => {
    const user = users[e.user];
    if (e.kind === 'start') {
      tg.start(user, startPayload(e, linkSecret));
    } else if (e.kind === 'contact') {
      // A foreign card is another Telegram user's, or someone not on Telegram.
      const other = digits(e.phone).endsWith('0') ? null : users[(e.user + 1) % users.length].id;
      tg.shareContact(user, { phone: e.phone, userId: e.own ? user.id : other, firstName: 'Card' });
    } else if (e.kind === 'block') {
      tg.block(user);
    } else {
      tg.unblock(user);
    }
  };
}

import type { OutboxItem, StoredEvent, StoredSubscriber } from '../../electron/core/store/schema.js';
import type { FakeContact, TokenRequest } from '../fakes/yespo/server.js';
import type { ExpectedUser } from './scenario.js';

/** One guarantee and every way the run broke it (empty: it held). */
export interface Check {
  guarantee: string;
  problems: string[];
}

export interface Outcome {
  checks: Check[];
  lostSubscribers: number;
  /** /start presses with no "started" event (a lost subscriber's included). */
  lostPresses: number;
  lostTokens: number;
  duplicatePushes: number;
  duplicateBound: number;
}

export interface OutcomeInput {
  expected: ReadonlyMap<number, ExpectedUser>;
  chatIdOf: (user: number) => number;
  subscribers: readonly StoredSubscriber[];
  eventsOf: (chatId: number) => readonly StoredEvent[];
  foreignPhones: ReadonlySet<string>;
  contacts: readonly FakeContact[];
  tokenRequests: readonly TokenRequest[];
  appUuid: string;
  outbox: readonly OutboxItem[];
  replies: number;
  telegramPending: number;
  kills: number;
  /** Batches in flight at once times their size: what one crash may send again. */
  inFlightPerKill: number;
}

const LIST_AT_MOST = 8;

function listed(items: readonly string[]): string[] {
  return items.length <= LIST_AT_MOST ? [...items] : [...items.slice(0, LIST_AT_MOST), `… and ${items.length - LIST_AT_MOST} more`];
}

/** Accepted `tokens` items per token (a rejected or hung request stored nothing). */
export function acceptedPushes(requests: readonly TokenRequest[], appUuid: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of requests) {
    if (r.status !== 200 || r.appUuid !== appUuid) continue;
    for (const item of r.tokens as Array<{ token?: unknown }>) {
      const token = String(item.token);
      counts.set(token, (counts.get(token) ?? 0) + 1);
    }
  }
  return counts;
}

/** "token waiting ×3 (last error: …), contact failed ×1": what kind of work is left, and why. */
function outboxSummary(items: readonly OutboxItem[]): string {
  const groups = new Map<string, { count: number; error?: string }>();
  for (const item of items) {
    const key = `${item.kind} ${item.state}`;
    const group = groups.get(key) ?? { count: 0 };
    group.count++;
    group.error ??= item.lastError;
    groups.set(key, group);
  }
  return [...groups].map(([key, g]) => `${key} ×${g.count}${g.error ? ` (last error: ${g.error})` : ''}`).join(', ');
}

/** Compares what the engine and the fake Yespo hold after the run with what the events demand. */
export function checkOutcome(input: OutcomeInput): Outcome {
  const byChat = new Map(input.subscribers.map((s) => [s.chatId, s]));
  const expectedChats = new Set<number>();
  const lost: string[] = [];
  const once: string[] = [];
  const state: string[] = [];
  const phone: string[] = [];
  let lostPresses = 0;
  for (const [user, want] of input.expected) {
    const chatId = input.chatIdOf(user);
    expectedChats.add(chatId);
    const got = byChat.get(chatId);
    if (!got) {
      lostPresses += want.starts;
      lost.push(`chat ${chatId} pressed Start ${want.starts}× and is not recorded`);
      continue;
    }
    const starts = input.eventsOf(chatId).filter((e) => e.type === 'started').length;
    lostPresses += Math.max(0, want.starts - starts);
    if (starts !== want.starts) once.push(`chat ${chatId}: ${starts} "started" events for ${want.starts} presses`);
    if (got.state !== want.state) state.push(`chat ${chatId} is ${got.state}, its last event made it ${want.state}`);
    if (got.phone !== want.phone) {
      const foreign = got.phone !== undefined && input.foreignPhones.has(got.phone) ? ' (a foreign contact)' : '';
      phone.push(`chat ${chatId} has phone ${got.phone ?? 'none'}${foreign}, its own card says ${want.phone ?? 'none'}`);
    }
  }
  const strangers = input.subscribers.filter((s) => !expectedChats.has(s.chatId)).map((s) => `chat ${s.chatId} recorded but never pressed Start`);

  const holders = new Map<string, FakeContact[]>();
  for (const c of input.contacts) {
    for (const t of c.tokens) if (t.appUuid === input.appUuid) holders.set(t.token, [...(holders.get(t.token) ?? []), c]);
  }
  const tokens: string[] = [];
  const identity: string[] = [];
  let lostTokens = 0;
  for (const [user, want] of input.expected) {
    if (want.state !== 'active') continue;
    const token = String(input.chatIdOf(user));
    const on = holders.get(token) ?? [];
    if (on.length !== 1) {
      if (on.length === 0) lostTokens++;
      tokens.push(`token ${token} is on ${on.length} contacts`);
    } else if (want.signedId !== undefined && on[0].externalCustomerId !== want.signedId) {
      identity.push(`token ${token} from a link signed for ${want.signedId} is on contact ${on[0].id} (externalCustomerId ${on[0].externalCustomerId ?? 'none'})`);
    }
  }
  const foreignInYespo = input.contacts
    .filter((c) => c.phone !== undefined && input.foreignPhones.has(c.phone.replace(/\D/g, '')))
    .map((c) => `contact ${c.id} holds the foreign number ${c.phone}`);

  const pushes = acceptedPushes(input.tokenRequests, input.appUuid);
  let duplicatePushes = 0;
  for (const [user, want] of input.expected) {
    const count = pushes.get(String(input.chatIdOf(user))) ?? 0;
    duplicatePushes += Math.max(0, count - (1 + want.comebacks));
  }
  const duplicateBound = input.kills * input.inFlightPerKill;
  const duplicates = duplicatePushes > duplicateBound ? [`${duplicatePushes} repeated pushes beyond the comebacks; ${input.kills} kills allow ${duplicateBound}`] : [];

  const stuck = [
    ...(input.outbox.length > 0 ? [`${input.outbox.length} pushes still in the outbox: ${outboxSummary(input.outbox)}`] : []),
    ...(input.replies > 0 ? [`${input.replies} replies still queued`] : []),
    ...(input.telegramPending > 0 ? [`${input.telegramPending} updates never confirmed to Telegram`] : []),
  ];

  const checks: Check[] = [
    { guarantee: 'every subscriber is recorded', problems: listed(lost) },
    { guarantee: 'every /start is recorded exactly once', problems: listed(once) },
    { guarantee: 'only people who pressed Start are subscribers', problems: listed(strangers) },
    { guarantee: 'the final state follows the last event', problems: listed(state) },
    { guarantee: 'the phone comes only from the own contact card', problems: listed(phone) },
    { guarantee: 'every active subscriber has its token on exactly one Yespo contact', problems: listed(tokens) },
    { guarantee: 'a signed link puts the token on its customer', problems: listed(identity) },
    { guarantee: 'no foreign number reaches Yespo', problems: listed(foreignInYespo) },
    { guarantee: 'duplicate pushes stay within one in-flight batch per kill', problems: duplicates },
    { guarantee: 'nothing is stuck', problems: stuck },
  ];
  return { checks, lostSubscribers: lost.length, lostPresses, lostTokens, duplicatePushes, duplicateBound };
}

export interface SecretForm {
  label: string;
  value: string;
}

/** Every form a secret could leak in: as is, its halves, URL-encoded, base64 and the Basic header's credentials. */
export function secretForms(secrets: { botToken: string; apiKey: string; linkSecret: string }): SecretForm[] {
  const { botToken, apiKey, linkSecret } = secrets;
  const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
  return [
    { label: 'the bot token', value: botToken },
    { label: "the bot token's secret half", value: botToken.slice(botToken.indexOf(':') + 1) },
    { label: 'the URL-encoded bot token', value: encodeURIComponent(botToken) },
    { label: 'the API key', value: apiKey },
    { label: 'base64 of "api:KEY" (the Basic header)', value: b64(`api:${apiKey}`) },
    { label: 'base64 of the API key', value: b64(apiKey) },
    { label: 'the link-signing key', value: linkSecret },
  ];
}

/** Where each secret form shows up, as "<where> holds <form>". */
export function findSecrets(places: ReadonlyArray<{ where: string; text: string }>, forms: readonly SecretForm[]): string[] {
  const found: string[] = [];
  for (const { where, text } of places) {
    for (const form of forms) if (text.includes(form.value)) found.push(`${where} holds ${form.label}`);
  }
  return found;
}

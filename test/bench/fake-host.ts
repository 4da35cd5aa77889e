/**
 * Hosts the fake Telegram and Yespo servers in their own process for the benchmark, as the real
 * services are on other machines: their CPU time must not count against the engine's. Driven over
 * the IPC channel with small commands.
 */
import { startFakeTelegram } from '../fakes/telegram/server.js';
import { startFakeYespo } from '../fakes/yespo/server.js';
import { BURST_FROM, type HostCommand, type HostCounts, type HostInfo } from './host-protocol.js';

const tg = await startFakeTelegram();
const yespo = await startFakeYespo();
let trickle: NodeJS.Timeout | null = null;

/** Counted as requests come in (never by re-reading them all), so asking often costs the fakes nothing. */
const burst = { requests: 0, delivered: 0, refused: 0, mixed: 0, partial: [] as Array<{ request: number; size: number }> };
const delivered = new Set<string>();
let tallied = 0;
let burstUntil = BURST_FROM;
const inBurst = (token: string): boolean => {
  const id = Number(token);
  return id >= BURST_FROM && id < burstUntil;
};

function tally(): HostCounts {
  const requests = yespo.tokenRequests;
  // The fake records a request when it answers it, with its final status.
  while (tallied < requests.length) {
    const request = requests[tallied++];
    const tokens = (request.tokens as Array<{ token: string }>).filter((t) => inBurst(t.token));
    if (tokens.length === 0) continue;
    burst.requests++;
    if (tokens.length < 100 && burst.partial.length < 5) burst.partial.push({ request: burst.requests, size: tokens.length });
    if (tokens.length < request.tokens.length) burst.mixed++;
    if (request.status !== 200) {
      burst.refused++;
      continue;
    }
    burst.delivered += tokens.length;
    for (const t of tokens) delivered.add(t.token);
  }
  return {
    pending: tg.pendingCount(),
    getUpdatesCalls: tg.getUpdatesCalls.length,
    tokenRequests: requests.length,
    burstRequests: burst.requests,
    burstDelivered: burst.delivered,
    burstRefused: burst.refused,
    burstMixed: burst.mixed,
    burstDistinct: delivered.size,
    burstPartial: burst.partial,
  };
}

process.on('message', (message: { id: number; command: HostCommand }) => {
  const { id, command } = message;
  let result: unknown = null;
  switch (command.op) {
    case 'info':
      result = { tgUrl: tg.url, token: tg.token, botId: tg.botId, botUsername: tg.botUsername, yespoUrl: yespo.url, apiKey: yespo.apiKey, appUuid: yespo.appUuid } satisfies HostInfo;
      break;
    case 'burst':
      burstUntil = command.from + command.count;
      for (let i = 0; i < command.count; i++) tg.start(tg.user(command.from + i, { first_name: `Burst${i}`, language_code: i % 2 ? 'uk' : 'en' }));
      break;
    case 'trickle':
      if (trickle) clearInterval(trickle);
      trickle = command.everyMs === null ? null : setInterval(() => tg.start(tg.user()), command.everyMs);
      break;
    case 'counts':
      result = tally();
      break;
    case 'getUpdatesAt':
      result = tg.getUpdatesCalls[command.index]?.at ?? null;
      break;
  }
  process.send!({ id, result });
});

process.on('disconnect', () => void Promise.all([tg.close(), yespo.close()]).then(() => process.exit(0)));
process.send!({ id: 0, result: 'ready' });

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

process.on('message', (message: { id: number; command: HostCommand }) => {
  const { id, command } = message;
  let result: unknown = null;
  switch (command.op) {
    case 'info':
      result = { tgUrl: tg.url, token: tg.token, botId: tg.botId, botUsername: tg.botUsername, yespoUrl: yespo.url, apiKey: yespo.apiKey, appUuid: yespo.appUuid } satisfies HostInfo;
      break;
    case 'burst':
      for (let i = 0; i < command.count; i++) tg.start(tg.user(command.from + i, { first_name: `Burst${i}`, language_code: i % 2 ? 'uk' : 'en' }));
      break;
    case 'trickle':
      if (trickle) clearInterval(trickle);
      trickle = command.everyMs === null ? null : setInterval(() => tg.start(tg.user()), command.everyMs);
      break;
    case 'counts': {
      let burstRequests = 0;
      let burstDelivered = 0;
      let burstRefused = 0;
      let burstMixed = 0;
      const distinct = new Set<string>();
      const burstPartial: Array<{ request: number; size: number }> = [];
      for (const request of yespo.tokenRequests) {
        const burst = (request.tokens as Array<{ token: string }>).filter((t) => Number(t.token) >= BURST_FROM).length;
        if (burst === 0) continue;
        burstRequests++;
        if (burst < 100 && burstPartial.length < 5) burstPartial.push({ request: burstRequests, size: burst });
        if (request.status === 200) {
          burstDelivered += burst;
          for (const t of request.tokens as Array<{ token: string }>) if (Number(t.token) >= BURST_FROM) distinct.add(t.token);
        }
        else burstRefused++;
        if (burst < request.tokens.length) burstMixed++;
      }
      result = { pending: tg.pendingCount(), getUpdatesCalls: tg.getUpdatesCalls.length, tokenRequests: yespo.tokenRequests.length, burstRequests, burstDelivered, burstRefused, burstMixed, burstDistinct: distinct.size, burstPartial } satisfies HostCounts;
      break;
    }
    case 'getUpdatesAt':
      result = tg.getUpdatesCalls[command.index]?.at ?? null;
      break;
  }
  process.send!({ id, result });
});

process.on('disconnect', () => void Promise.all([tg.close(), yespo.close()]).then(() => process.exit(0)));
process.send!({ id: 0, result: 'ready' });

import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Store } from '../../electron/core/store/store.js';
import { COLLECTIONS, subscriberKey, type OutboxItem, type StoredEvent, type StoredSubscriber } from '../../electron/core/store/schema.js';
import { newLinkSecret } from '../../electron/core/links/signing.js';
import { startFakeTelegram, type FakeTelegram, type FakeUser } from '../fakes/telegram/server.js';
import { startFakeYespo, type FakeYespo } from '../fakes/yespo/server.js';
import { checkOutcome, findSecrets, secretForms, type Check, type Outcome } from './checks.js';
import { CHILD_TIMING, IN_FLIGHT_PER_KILL, RETRY_AFTER_CLAMP_MS, TELEGRAM_FAKE_SCALE } from './child-timing.js';
import { bindReadOnly, mountTmpfs, unmount } from '../support/mounts.js';
import { fillDisk, freeBallast } from './data-disk.js';
import { spawnEngine, waitUntil, type EngineProcess } from './engine-process.js';
import { HUGE_RETRY_AFTER, planRounds, type KillMoment, type RoundPlan, type YespoFaultPlan } from './fault-schedule.js';
import { seededRandom } from './random.js';
import { DEFAULT_SHAPE, digits, expectedUsers, generateScenario, type ScenarioEvent } from './scenario.js';
import { telegramInput } from './telegram-input.js';

export interface CampaignResult {
  seed: number;
  presses: number;
  kills: number;
  outcome: Outcome;
  /** Guarantees watched while the faults were on (the episodes), beside the final ones. */
  episodes: Check[];
  secrets: Check;
}

const STARTUP_MS = 30_000;
/** Free bytes left when the disk fills: the journal's next batch no longer fits. */
const LEFT_ON_FULL_DISK = 48 * 1024;
const TMPFS_MB = 64;
const KILL_FALLBACK_MS = 4_000;

type Log = (line: string) => void;

function tail(text: string, chars = 600): string {
  const t = text.trim();
  return t.length <= chars ? t : `…${t.slice(-chars)}`;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The seeded campaign: bursts of events through the fake Telegram, SIGKILLs, faults and two disk episodes. */
export async function runCampaign(seed: number, kills: number, log: Log): Promise<CampaignResult> {
  const random = seededRandom(seed);
  const scenario = generateScenario(random);
  const rounds = planRounds(random, kills);
  const expected = expectedUsers(scenario);
  const presses = scenario.waves.flat().filter((e) => e.kind === 'start').length;

  const root = mkdtempSync(path.join(os.tmpdir(), 'tcy-faults-'));
  const disk = path.join(root, 'disk');
  mkdirSync(disk);
  const tmpfs = mountTmpfs(disk, TMPFS_MB * 1024);
  if (!tmpfs) log('skipped: no tmpfs');
  const dataDir = path.join(disk, 'data');
  mkdirSync(dataDir);

  const tg: FakeTelegram = await startFakeTelegram({ timeScale: TELEGRAM_FAKE_SCALE });
  // Yespo's one-minute refusal of a repeated contact body, on the engine's clock for Yespo's waits.
  const yespo: FakeYespo = await startFakeYespo({ repeatWindowMs: 60_000 * CHILD_TIMING.yespo.retryScale });
  const linkSecret = newLinkSecret();
  const uiToken = randomBytes(24).toString('base64url');
  const users: FakeUser[] = Array.from({ length: DEFAULT_SHAPE.users }, () => tg.user());
  const env = {
    DATA_DIR: dataDir,
    TELEGRAM_API_ROOT: tg.url,
    YESPO_API_ROOT: yespo.url,
    TELEGRAM_BOT_TOKEN: tg.token,
    YESPO_API_KEY: yespo.apiKey,
    YESPO_APP_UUID: yespo.appUuid,
    LINK_SECRET: linkSecret,
    UI_TOKEN: uiToken,
  };

  const processes: Array<{ label: string; p: EngineProcess }> = [];
  const episodes = new Map<string, string[]>();
  const observe = (guarantee: string, problem?: string): void => {
    const problems = episodes.get(guarantee) ?? [];
    if (problem) problems.push(problem);
    episodes.set(guarantee, problems);
  };
  const timers = new Set<NodeJS.Timeout>();
  let running: EngineProcess | null = null;
  let killCount = 0;
  let readOnly = false;
  let ballast: string | null = null;

  const inject = telegramInput(tg, users, linkSecret);

  async function injectInBursts(events: ScenarioEvent[], bursts: number): Promise<void> {
    const size = Math.ceil(events.length / bursts);
    for (let i = 0; i < events.length; i += size) {
      events.slice(i, i + size).forEach(inject);
      await new Promise((r) => setTimeout(r, 15));
    }
  }

  async function start(why: string): Promise<EngineProcess> {
    const p = spawnEngine(['test/faults/engine-child.ts'], env, uiToken);
    processes.push({ label: `the engine started ${why}`, p });
    observe('the engine starts and prints its UI line');
    if (!(await p.waitForUi(STARTUP_MS))) {
      observe('the engine starts and prints its UI line', `${why}: no UI line (exit ${p.child.exitCode ?? p.child.signalCode ?? 'none'}): ${tail(p.output())}`);
    }
    return p;
  }

  const alive = (p: EngineProcess): boolean => p.child.exitCode === null && p.child.signalCode === null;

  /** Why a status is missing: a silent API, or a process that is gone (with its last words). */
  const silence = (p: EngineProcess): string => (alive(p) ? 'the API does not answer' : `the engine exited (${p.child.exitCode ?? p.child.signalCode}): ${tail(p.output(), 300)}`);

  async function kill(p: EngineProcess, when: string): Promise<void> {
    observe('the engine never exits on its own');
    if (alive(p)) {
      await p.kill();
      killCount++;
    } else {
      observe('the engine never exits on its own', `${when}: it had exited (${p.child.exitCode ?? p.child.signalCode}): ${tail(p.output())}`);
    }
    if (running === p) running = null;
  }

  function applyYespoFault(f: YespoFaultPlan): void {
    if (f.kind === 'fail') return yespo.failNext(f.n, f.fault, f.paths);
    const set = (on: boolean): Promise<void> | void => (f.kind === 'outage' ? yespo.outage(on) : yespo.refuseConnections(on));
    void set(true);
    const timer = setTimeout(() => {
      timers.delete(timer);
      void set(false);
    }, f.ms);
    timers.add(timer);
  }

  async function heal(): Promise<void> {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    yespo.outage(false);
    await yespo.refuseConnections(false);
  }

  const acceptedPushRequests = (): number => yespo.tokenRequests.filter((r) => r.status === 200).length;

  async function killMomentReached(kill: KillMoment): Promise<string> {
    if (kill.after === 'ms') {
      await new Promise((r) => setTimeout(r, kill.ms));
      return `${kill.ms} ms`;
    }
    const probes = {
      'confirmed-updates': () => tg.confirmedUpTo(),
      'accepted-pushes': acceptedPushRequests,
      'sent-replies': () => tg.sent.length,
    };
    const probe = probes[kill.after];
    const from = probe();
    const { reached } = await waitUntil(probe, (n) => n - from >= kill.count, KILL_FALLBACK_MS);
    return reached ? `${kill.count} ${kill.after}` : `${KILL_FALLBACK_MS} ms (waiting for ${kill.count} ${kill.after})`;
  }

  const storeProblem = (s: Awaited<ReturnType<EngineProcess['status']>>): boolean => s !== null && (s.store.state !== 'ok' || s.bot.state === 'store-failed');

  async function fullDiskEpisode(p: EngineProcess, rest: ScenarioEvent[]): Promise<EngineProcess> {
    const guarantee = 'a full disk is reported, keeps the API answering, and the engine recovers once space is back';
    observe(guarantee);
    const confirmedBefore = tg.confirmedUpTo();
    await waitUntil(() => tg.confirmedUpTo(), (n) => n > confirmedBefore, 5_000);
    ballast = fillDisk(disk, LEFT_ON_FULL_DISK);
    const confirmedAtFill = tg.confirmedUpTo();
    const { bavail, bsize } = statfsSync(disk);
    log(`full disk: ${Math.round((bavail * bsize) / 1024)} KiB left, ${tg.pendingCount()} updates waiting`);
    const afterRestart = rest.splice(Math.floor(rest.length / 2));
    await injectInBursts(rest, 4);
    const seen = await waitUntil(() => p.status(2_000), storeProblem, 10_000);
    if (!seen.reached) {
      const s = seen.value;
      observe(
        guarantee,
        s === null
          ? `on the full disk ${silence(p)}`
          : `the status said store ${s.store.state}, bot ${s.bot.state} on the full disk while Telegram was told ${tg.confirmedUpTo() - confirmedAtFill} more updates were handled`,
      );
    }
    await kill(p, 'on the full disk');
    const again = await start('on the full disk');
    // Updates keep coming, so the restarted engine has something to write.
    await injectInBursts(afterRestart, 2);
    if (alive(again)) {
      const { value: s, reached } = await waitUntil(() => again.status(2_000), storeProblem, 10_000);
      if (!reached) observe(guarantee, s ? `restarted on the full disk with updates coming, the status says store ${s.store.state}, bot ${s.bot.state}` : `restarted on the full disk, ${silence(again)}`);
    }
    freeBallast(ballast);
    ballast = null;
    const healed = await waitUntil(
      async () => ({ status: await again.status(2_000), pending: tg.pendingCount() }),
      (v) => v.status !== null && v.status.store.state !== 'write-failed' && v.status.bot.state === 'polling' && v.pending === 0,
      20_000,
    );
    if (!healed.reached) {
      const s = healed.value.status;
      observe(guarantee, `20 s after space was freed: ${s ? `store ${s.store.state}, bot ${s.bot.state}` : silence(again)}, ${healed.value.pending} updates unconfirmed`);
    }
    return again;
  }

  async function readOnlyEpisode(): Promise<EngineProcess> {
    const guarantee = 'a read-only data folder still starts the UI, reports the store, and recovers once writable';
    observe(guarantee);
    if (!bindReadOnly(dataDir, dataDir)) {
      log('skipped: no read-only mount');
      return start('for the round');
    }
    readOnly = true;
    const shellArgs = ['electron/headless/main.ts', '--data-dir', dataDir, '--port', '0', '--telegram-api-root', tg.url, '--yespo-api-root', yespo.url, '--token', uiToken];
    const shell = spawnEngine(shellArgs, env, uiToken);
    processes.push({ label: 'the headless shell on the read-only folder', p: shell });
    if (!(await shell.waitForUi(STARTUP_MS))) {
      observe(guarantee, `the headless shell printed no UI line (exit ${shell.child.exitCode ?? shell.child.signalCode ?? 'none'}): ${tail(shell.output())}`);
    } else {
      const s = await shell.status();
      if (!storeProblem(s)) observe(guarantee, s ? `the headless shell on a read-only folder says store ${s.store.state}, bot ${s.bot.state}` : `the headless shell on a read-only folder: ${silence(shell)}`);
    }
    await shell.stop(5_000);
    const p = await start('on a read-only folder');
    const ro = await p.status();
    if (!ro) observe(guarantee, `the engine on a read-only folder: ${silence(p)}`);
    else if (!storeProblem(ro)) observe(guarantee, `on a read-only folder the status says store ${ro.store.state}, bot ${ro.bot.state}`);
    if (!unmount(dataDir)) observe(guarantee, 'the read-only mount could not be removed: the rest of the run would be on a read-only folder');
    readOnly = false;
    if (!alive(p)) return start('once the folder was writable');
    const healed = await waitUntil(
      async () => ({ status: await p.status(2_000), pending: tg.pendingCount() }),
      (v) => v.status !== null && v.status.store.state !== 'write-failed' && v.status.bot.state === 'polling' && v.pending === 0,
      20_000,
    );
    if (!healed.reached) {
      const s = healed.value.status;
      observe(guarantee, `20 s after the folder became writable: ${s ? `store ${s.store.state}, bot ${s.bot.state}` : silence(p)}, ${healed.value.pending} updates unconfirmed`);
    }
    return p;
  }

  async function hugeRetryAfterEpisode(p: EngineProcess): Promise<void> {
    const guarantee = `a Telegram retry_after of ${HUGE_RETRY_AFTER} s is clamped to an hour and shown in the status`;
    observe(guarantee);
    // Three good polls in a row: no earlier getUpdates fault is still queued in front of this one.
    const from = tg.getUpdatesCalls.length;
    const calm = await waitUntil(() => tg.getUpdatesCalls.slice(from).filter((c) => c.status === 200).length, (n) => n >= 3, 10_000);
    if (!calm.reached) return observe(guarantee, 'the engine did not poll three times in 10 s before the 429');
    const mark = tg.getUpdatesCalls.length;
    tg.failNext(1, { retryAfter: HUGE_RETRY_AFTER });
    const hit = await waitUntil(() => tg.getUpdatesCalls.findIndex((c, i) => i >= mark && c.status === 429), (i) => i >= 0, 10_000);
    if (!hit.reached) return observe(guarantee, 'the engine never polled into the 429');
    const shown = await waitUntil(() => p.status(2_000), (s) => s !== null && s.bot.state === 'rate-limited', 3_000);
    const waitMs = (shown.value?.bot.nextTryAt ?? Number.POSITIVE_INFINITY) - Date.now();
    if (!shown.reached || waitMs > 3_600_000 + 60_000) {
      observe(guarantee, `the status says bot ${shown.value?.bot.state ?? 'no answer'}, next try in ${Math.round(waitMs / 60_000)} min`);
    }
    const limit = RETRY_AFTER_CLAMP_MS + 4_000;
    const resumed = await waitUntil(() => tg.getUpdatesCalls.length > hit.value + 1, (v) => v, limit);
    if (!resumed.reached) observe(guarantee, `no poll for ${limit / 1000} s after the 429 (one hour lasts ${RETRY_AFTER_CLAMP_MS / 1000} s here)`);
  }

  async function round(plan: RoundPlan, wave: ScenarioEvent[]): Promise<void> {
    const half = Math.floor(wave.length / 2);
    wave.slice(0, half).forEach(inject);
    if (plan.episode !== 'huge-retry-after') for (const f of plan.telegram) tg.failNext(f.n, f.kind, f.methods);
    plan.yespo.forEach(applyYespoFault);
    // The read-only episode begins with the engine down, as a restart finds the folder.
    if (plan.episode === 'read-only' && running) await kill(running, `round ${plan.index}, before the read-only folder`);
    if (!running) running = plan.episode === 'read-only' ? await readOnlyEpisode() : await start(`for round ${plan.index}`);
    const rest = wave.slice(half);
    if (plan.episode === 'full-disk' && tmpfs) {
      running = await fullDiskEpisode(running, rest);
      if (!alive(running)) {
        observe('the engine never exits on its own', `after the full disk: ${silence(running)}`);
        running = await start(`after the full disk (round ${plan.index})`);
      }
      log(`round ${plan.index}: full-disk episode done, ${killCount} kills so far`);
      return;
    }
    await injectInBursts(rest, 5);
    if (plan.episode === 'huge-retry-after') await hugeRetryAfterEpisode(running);
    const moment = await killMomentReached(plan.kill);
    await kill(running, `round ${plan.index}`);
    log(`round ${plan.index}: SIGKILL after ${moment}; Telegram holds ${tg.pendingCount()}, Yespo accepted ${acceptedPushRequests()} batches`);
  }

  async function drain(): Promise<EngineProcess> {
    let p = running ?? (await start('for the final drain'));
    const done = await waitUntil(
      async () => ({ status: await p.status(2_000), pending: tg.pendingCount() }),
      (v) => v.pending === 0 && v.status !== null && v.status.sync.state === 'idle' && v.status.sync.pending === 0 && v.status.store.state !== 'write-failed',
      60_000,
    );
    observe('everything drains once healed');
    if (!done.reached) {
      const s = done.value.status;
      observe('everything drains once healed', `after 60 s: ${done.value.pending} updates unconfirmed, ${s?.sync.pending ?? '?'} pushes pending (${s?.sync.state ?? 'no answer'}), store ${s?.store.state ?? '?'}`);
    }
    // Replies are not in the status: stop, look at the queue, and give the engine one send per queued reply.
    for (let attempt = 0; attempt < 2; attempt++) {
      const code = await p.stop(5_000);
      if (code !== 0) observe('the engine stops cleanly on SIGTERM', `exit ${code ?? 'killed after 5 s'}`);
      const left = await queuedReplies();
      if (left === 0) return p;
      log(`${left} replies still queued; letting the engine send them`);
      const sends = () => tg.calls.filter((c) => c.method.toLowerCase() === 'sendmessage').length;
      const before = sends();
      p = await start('to send the queued replies');
      await waitUntil(sends, (n) => n - before >= left, 30_000);
    }
    await p.stop(5_000);
    return p;
  }

  async function queuedReplies(): Promise<number> {
    const store = await Store.open(path.join(dataDir, 'store'));
    try {
      return store.collection(COLLECTIONS.replies).size;
    } finally {
      await store.close();
    }
  }

  try {
    log(`faults: seed ${seed}, ${presses} presses, ${expected.size} subscribers, ${kills} kills planned${tmpfs ? `, data on a ${TMPFS_MB} MB tmpfs` : ''}`);
    for (const plan of rounds) await round(plan, scenario.waves[plan.index] ?? []);
    await heal();
    const last = running ?? (await start('for the final drain'));
    running = last;
    for (const wave of scenario.waves.slice(rounds.length)) await injectInBursts(wave, 5);
    await drain();
    running = null;

    const store = await Store.open(path.join(dataDir, 'store'));
    let outcome: Outcome;
    try {
      const subscribers = [...store.collection<StoredSubscriber>(COLLECTIONS.subscribers).values()].filter((s) => s.botId === tg.botId);
      const foreignPhones = new Set(
        scenario.waves
          .flat()
          .flatMap((e) => (e.kind === 'contact' && !e.own ? [digits(e.phone)] : [])),
      );
      outcome = checkOutcome({
        expected,
        chatIdOf: (u) => users[u].id,
        subscribers,
        eventsOf: (chatId) => store.get<StoredEvent[]>(COLLECTIONS.events, subscriberKey(tg.botId, chatId)) ?? [],
        foreignPhones,
        contacts: yespo.contacts,
        tokenRequests: yespo.tokenRequests,
        appUuid: yespo.appUuid,
        outbox: [...store.collection<OutboxItem>(COLLECTIONS.outbox).values()],
        replies: store.collection(COLLECTIONS.replies).size,
        telegramPending: tg.pendingCount(),
        kills: killCount,
        inFlightPerKill: IN_FLIGHT_PER_KILL,
      });
    } finally {
      await store.close();
    }

    const places = [
      ...filesUnder(dataDir).map((file) => ({ where: path.relative(dataDir, file), text: readFileSync(file, 'latin1') })),
      ...processes.map(({ label, p }) => ({ where: `the output of ${label}`, text: p.output() })),
    ];
    const forms = secretForms({ botToken: tg.token, apiKey: yespo.apiKey, linkSecret });
    return {
      seed,
      presses,
      kills: killCount,
      outcome,
      episodes: [...episodes].map(([guarantee, problems]) => ({ guarantee, problems })),
      secrets: { guarantee: 'no secret in the data folder, the logs or the output', problems: findSecrets(places, forms) },
    };
  } finally {
    for (const timer of timers) clearTimeout(timer);
    for (const { p } of processes) await p.kill();
    if (ballast) freeBallast(ballast);
    if (readOnly) unmount(dataDir);
    await tg.close();
    await yespo.close();
    if (tmpfs) unmount(disk);
    rmSync(root, { recursive: true, force: true });
  }
}

import { describe, expect, it } from 'vitest';
import { campaignSeed } from './random.js';
import { runCampaign } from './run-campaign.js';

const KILLS = 20;
const seed = campaignSeed(process.env);

describe('the fault campaign', () => {
  it(`keeps every guarantee through ${KILLS} SIGKILLs, outages, a full disk and a read-only folder (seed ${seed}, FAULTS_SEED repeats it)`, { timeout: 290_000 }, async () => {
    const log = (line: string): void => void process.stdout.write(`${line}\n`);
    const result = await runCampaign(seed, KILLS, log);
    const { outcome } = result;
    for (const check of [...result.episodes, ...outcome.checks, result.secrets]) {
      log(`${check.problems.length ? 'BROKEN' : 'held  '} ${check.guarantee}${check.problems.map((p) => `\n         ${p}`).join('')}`);
    }
    log(
      `faults: seed ${seed}, ${result.presses} presses, ${result.kills} kills, ${outcome.lostSubscribers} lost subscribers, ${outcome.lostPresses} lost presses, ` +
        `${outcome.lostTokens} lost tokens, ${outcome.duplicatePushes} duplicate pushes (bound ${outcome.duplicateBound})`,
    );
    for (const check of [...result.episodes, ...outcome.checks, result.secrets]) expect.soft(check.problems, `seed ${seed}: ${check.guarantee}`).toEqual([]);
    expect(result.kills).toBeGreaterThanOrEqual(KILLS);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { startEngine, type EngineHarness } from '../support/engine-harness.js';

const DAY = 86_400_000;

describe('delivery reports on demand (issue 11: truth)', () => {
  let h: EngineHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('"Check now" reads the reports at once, says when, and the status and the 30-day count follow', async () => {
    let clockOffset = 0;
    h = await startEngine({ now: () => Date.now() + clockOffset });
    await h.configure();
    const engine = h.engine;
    h.tg.start(h.tg.user(4001, { first_name: 'Olena' }));
    await h.waitFor(() => h!.status(), (s) => s.counts.inYespo === 1, 'the subscriber in Yespo');
    const contact = h.yespo.contacts.find((c) => c.tokens.some((t) => t.token === '4001'))!;
    h.yespo.addUndelivered({ contactId: contact.id, messageName: 'Spring sale' });

    const before = Date.now();
    const answer = await engine.api.checkDeliveryReports(undefined);
    expect(answer.read).toBe(true);
    expect(answer.readAt).toBeGreaterThanOrEqual(before);
    expect((await h.status()).sync.reportsReadAt).toBe(answer.readAt);
    const groups = await engine.api.listFailures(undefined);
    expect(groups.find((g) => g.cause === 'yespo-undelivered')?.count).toBe(1);
    expect((await engine.api.getStats(undefined)).undeliveredLast30Days).toBe(1);

    clockOffset = 31 * DAY;
    expect((await engine.api.getStats(undefined)).undeliveredLast30Days).toBe(0);
  });

  it('says it could not read while Yespo is down, and keeps the last read time', async () => {
    h = await startEngine();
    await h.configure();
    const first = await h.engine.api.checkDeliveryReports(undefined);
    expect(first.read).toBe(true);
    h.yespo.outage(true);
    const second = await h.engine.api.checkDeliveryReports(undefined);
    expect(second).toEqual({ read: false, readAt: first.readAt });
  });
});

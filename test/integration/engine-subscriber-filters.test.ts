import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/contract/dispatch.js';
import { startEngine, type EngineHarness } from '../support/engine-harness.js';

let h: EngineHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('engine: the Subscribers table’s source and date filters', () => {
  it('lists the sources with counts and narrows the table to one of them, or to a day range', async () => {
    h = await startEngine();
    await h.configure();
    const { engine, tg } = h;
    const link = await engine.api.getDeepLink({ externalCustomerId: 'crm-7' });
    const [a, b, c, d] = [tg.user(), tg.user(), tg.user(), tg.user()];
    tg.start(a, 'instagram');
    tg.start(b, 'instagram');
    tg.start(c, link.payload);
    tg.start(d);
    await h.waitFor(() => engine.api.querySubscribers({}), (p) => p.total === 4, 'the four subscribers');

    expect(await engine.api.listSubscriberSources(undefined)).toEqual({ tags: [{ tag: 'instagram', count: 2 }], signed: 1, none: 1 });
    const tagged = await engine.api.querySubscribers({ source: { kind: 'tag', tag: 'instagram' }, sort: 'lastStartAt', dir: 'asc' });
    expect(tagged.total).toBe(2);
    expect(tagged.rows.map((r) => r.chatId).sort()).toEqual([a.id, b.id].sort());
    expect((await engine.api.querySubscribers({ source: { kind: 'signed' } })).rows.map((r) => r.chatId)).toEqual([c.id]);
    expect((await engine.api.querySubscribers({ source: { kind: 'none' } })).rows.map((r) => r.chatId)).toEqual([d.id]);

    const now = Date.now();
    expect((await engine.api.querySubscribers({ joinedFrom: now - 3_600_000, joinedTo: now + 3_600_000 })).total).toBe(4);
    expect((await engine.api.querySubscribers({ joinedTo: now - 3_600_000 })).total).toBe(0);

    const bad = await dispatch(engine.api, 'querySubscribers', { joinedFrom: now, joinedTo: now - 1 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_argument', message: expect.stringContaining('swap the two dates') } });
  });
});

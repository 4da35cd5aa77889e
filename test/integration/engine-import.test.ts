import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/contract/dispatch.js';
import { MAX_IMPORT_CHARS } from '../../electron/core/contract/api.js';
import { startEngine, type EngineHarness } from '../support/engine-harness.js';

let h: EngineHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

/** How often a token went to Yespo in an answered tokens call. */
function timesPushed(harness: EngineHarness, token: string): number {
  return harness.yespo.tokenRequests.filter((r) => r.status === 200).flatMap((r) => r.tokens).filter((t) => (t as { token?: string }).token === token).length;
}

describe('engine: importing subscribers from another tool’s CSV', () => {
  it('imports good rows, reports bad ones, fills what duplicates lack, and pushes each new token to Yespo once', async () => {
    h = await startEngine();
    const { engine, tg, yespo } = h;
    await h.configure();
    const olena = tg.user(undefined, { first_name: 'Olena' });
    tg.start(olena);
    await h.waitFor(() => h!.status(), (s) => s.counts.inYespo === 1, 'Olena in Yespo');

    const csv = [
      '\uFEFFChat ID;Name;Phone;E-mail;External ID',
      `${olena.id};Olena;+380 50 111 22 33;;`,
      '900000001;"Koval; Taras";380671112233;taras@example.com;crm-77',
      '900000002;;;;',
      ';Nobody;;;',
      '900000003;Ira;0501112233;;',
      '900000001;Taras again;;;',
    ].join('\r\n');
    const report = await engine.api.importSubscribers({ csv });
    expect(report).toEqual({
      rows: 6,
      imported: 2,
      filled: 1,
      skipped: 1,
      rejected: 2,
      rejections: [
        { row: 5, problem: 'chat-id-missing' },
        { row: 6, problem: 'phone-national', value: '0501112233' },
      ],
    });

    const taras = await engine.api.getSubscriber({ chatId: 900000001 });
    expect(taras.subscriber).toMatchObject({ firstName: 'Koval; Taras', phone: '380671112233', email: 'taras@example.com', source: 'import', state: 'active' });
    expect(taras.subscriber.identity).toEqual({ kind: 'externalCustomerId', value: 'crm-77' });
    expect(taras.subscriber.signedLink).toBeUndefined();
    expect(taras.events.map((e) => e.type)).toContain('imported');
    expect((await engine.api.getSubscriber({ chatId: olena.id })).events.map((e) => e.type)).toContain('import-filled');
    await expect(engine.api.getSubscriber({ chatId: 900000003 })).rejects.toMatchObject({ code: 'not_found' });

    await h.waitFor(() => h!.status(), (s) => s.counts.inYespo === 3, 'the imported tokens in Yespo');
    expect(yespo.contacts.find((c) => c.tokens.some((t) => t.token === '900000001'))).toMatchObject({ externalCustomerId: 'crm-77', phone: '380671112233', email: 'taras@example.com' });
    expect(yespo.contacts.find((c) => c.tokens.some((t) => t.token === '900000002'))).toMatchObject({ externalCustomerId: 'tg-900000002' });
    // Olena's token was already in Yespo: her phone reaches her contact through the contacts API.
    await h.waitFor(() => yespo.contacts.find((c) => c.tokens.some((t) => t.token === String(olena.id)))?.phone, (p) => p === '380501112233', 'Olena’s phone in Yespo');

    const again = await engine.api.importSubscribers({ csv });
    expect(again).toMatchObject({ rows: 6, imported: 0, filled: 0, skipped: 4, rejected: 2 });
    await engine.api.syncNow(undefined);
    const list = await h.waitFor(() => engine.api.getStats(undefined), (s) => s.pending === 0, 'nothing left to send');
    expect(list.pending).toBe(0);
    for (const token of ['900000001', '900000002', String(olena.id)]) expect(timesPushed(h, token), token).toBe(1);
    // Imported people never wrote to the bot: it sends them nothing.
    expect(tg.sent.filter((m) => m.chatId !== olena.id)).toEqual([]);
  });

  it('answers a file it cannot use with what is wrong, and refuses one that is too large', async () => {
    h = await startEngine();
    await h.configure();
    expect(await h.engine.api.importSubscribers({ csv: 'name,phone\nOlena,380501112233\n' })).toMatchObject({ fileProblem: { problem: 'no-chat-id-column' }, rows: 0, imported: 0 });
    const big = await dispatch(h.engine.api, 'importSubscribers', { csv: `chat id\n${'1\n'.repeat(MAX_IMPORT_CHARS / 2)}` });
    expect(big).toMatchObject({ ok: false, error: { code: 'invalid_argument', message: expect.stringContaining('too large') } });
  });
});

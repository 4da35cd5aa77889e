import { afterEach, describe, expect, it } from 'vitest';
import { ApiFailure } from '../../electron/core/contract/errors.js';
import { checkYespoKey } from '../../electron/core/setup/checks.js';
import { startFakeYespo, type FakeYespo } from '../fakes/yespo/server.js';

describe('the API key check tells a Yespo outage from a network problem (issue 11: truth)', () => {
  let yespo: FakeYespo | undefined;
  afterEach(async () => {
    await yespo?.close();
    yespo = undefined;
  });

  async function failureOf(check: Promise<unknown>): Promise<ApiFailure> {
    const error = await check.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ApiFailure);
    return error as ApiFailure;
  }

  it('a 503 says Yespo answered but is not working right now', async () => {
    yespo = await startFakeYespo();
    yespo.outage(true);
    const failure = await failureOf(checkYespoKey(yespo.url, yespo.apiKey));
    expect(failure.code).toBe('yespo_unreachable');
    expect(failure.details).toEqual({ yespoDown: true });
  });

  it('a refused connection is the network, without that mark', async () => {
    yespo = await startFakeYespo();
    await yespo.refuseConnections(true);
    const failure = await failureOf(checkYespoKey(yespo.url, yespo.apiKey));
    expect(failure.code).toBe('yespo_unreachable');
    expect(failure.details).toBeUndefined();
  });
});

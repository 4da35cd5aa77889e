import { describe, expect, it } from 'vitest';
import { contactAfterProbe, contactProblem, probeOf, reconnectDelay, SILENCE_BEFORE_NEW_LINK_MS } from '../../renderer/src/bridge/contact.js';

describe('the tab’s contact with the app (issue 11: truth)', () => {
  it('reads a probe of the app’s address: its answer, another session’s refusal, or silence', () => {
    expect(probeOf(200)).toBe('this-app');
    expect(probeOf(400)).toBe('this-app');
    expect(probeOf(401)).toBe('other-app');
    expect(probeOf(403)).toBe('other-app');
    expect(probeOf(null)).toBe('silent');
  });

  it('asks for the new link when another app answers, or when nothing has answered for a while', () => {
    expect(contactAfterProbe('this-app', 120_000)).toBe('lost');
    expect(contactAfterProbe('other-app', 0)).toBe('moved');
    expect(contactAfterProbe('silent', SILENCE_BEFORE_NEW_LINK_MS - 1)).toBe('lost');
    expect(contactAfterProbe('silent', SILENCE_BEFORE_NEW_LINK_MS)).toBe('moved');
  });

  it('reconnects after 0.5 s doubling to 15 s, spread ±20 % so tabs do not reconnect in step', () => {
    expect(reconnectDelay(0, 0.5)).toBe(500);
    expect(reconnectDelay(0, 0)).toBe(400);
    expect(reconnectDelay(0, 1)).toBe(600);
    expect(reconnectDelay(3, 0.5)).toBe(4_000);
    expect(reconnectDelay(10, 0.5)).toBe(15_000);
    expect(reconnectDelay(10, 1)).toBe(18_000);
  });

  it('a tab whose first call failed has lost contact too', () => {
    expect(contactProblem('connected', false)).toBeNull();
    expect(contactProblem('connected', true)).toBe('lost');
    expect(contactProblem('lost', false)).toBe('lost');
    expect(contactProblem('moved', true)).toBe('moved');
  });
});

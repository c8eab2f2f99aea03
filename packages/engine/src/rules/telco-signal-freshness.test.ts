import { describe, expect, it } from 'vitest';
import { aContext, aSignal, hoursAgo, ruleOf } from '../testing/fixtures.ts';
import { telcoSignalFreshness } from './telco-signal-freshness.ts';

const rule = ruleOf(telcoSignalFreshness);

describe('telcoSignalFreshness', () => {
  it('does not fire for a fresh signal', () => {
    expect(rule.evaluate(aContext({ freshness: 'FRESH' }))).toBeNull();
  });

  it('asks for escrow and blocks SMS when the signal is stale', () => {
    const ctx = aContext({ signal: aSignal({ checkedAt: hoursAgo(2.25) }) });
    expect(ctx.simSwap.freshness).toBe('STALE');
    expect(rule.evaluate(ctx)).toEqual({
      code: 'TELCO_SIGNAL_STALE',
      message: 'SIM swap status could not be refreshed with the operator',
      weight: 20,
      evidence: { checkedAgoHours: 2.3 },
      escrow: true,
      blocksSms: true,
    });
  });

  it('asks for escrow and blocks SMS when no signal was ever received', () => {
    const ctx = aContext({ signal: null });
    expect(ctx.simSwap.freshness).toBe('UNAVAILABLE');
    expect(rule.evaluate(ctx)).toMatchObject({
      code: 'TELCO_SIGNAL_UNAVAILABLE',
      weight: 30,
      evidence: {},
      escrow: true,
      blocksSms: true,
    });
  });

  it('trusts the freshness the service classified, even with a signal present', () => {
    expect(rule.evaluate(aContext({ freshness: 'UNAVAILABLE' }))?.code).toBe(
      'TELCO_SIGNAL_UNAVAILABLE',
    );
  });

  it.each([{ staleWeight: 20 }, { staleWeight: 20, unavailableWeight: 200 }])(
    'rejects incomplete or out-of-range params %j',
    (params) => {
      expect(telcoSignalFreshness.params.safeParse(params).success).toBe(false);
    },
  );
});

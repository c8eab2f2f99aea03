import { analyticsViews } from '@sentinel/analytics';
import { describe, expect, it } from 'vitest';
import type { FeedDecision, FeedItem } from '../../analyst-feed.ts';
import { EMPTY_FEED, MAX_DECISIONS, feedReducer, latestState, toTables } from './feed-state.ts';

const decision = (id: string, action: FeedDecision['action'], latencyMs: number): FeedItem => ({
  type: 'decision',
  decision: {
    decisionId: id,
    transactionId: `tx-${id}`,
    tenantId: 'bank',
    clientId: 'bank',
    decidedAt: '2026-12-06T10:00:00.000Z',
    action,
    riskScore: action === 'APPROVE' ? 0 : 70,
    riskLevel: action === 'APPROVE' ? 'LOW' : 'HIGH',
    reasons: action === 'APPROVE' ? [] : [{ code: 'SIM_SWAP_RECENT', weight: 70 }],
    stepUpMethods: action === 'STEP_UP' ? ['WEBAUTHN'] : [],
    escrowHeld: false,
    escrowId: null,
    freeze: false,
    amountMinor: 1000,
    currency: 'ZAR',
    channel: 'PAYSHAP',
    policyId: 'default',
    policyVersion: 0,
    latencyMs,
    simSwapFreshness: 'FRESH',
    simSwapAgeHours: null,
    behaviorScore: null,
    userKey: 'k',
  },
});

describe('the feed state and its KPIs', () => {
  it('shows a redelivered decision once and a step-up result on its decision', () => {
    const items: FeedItem[] = [
      decision('d1', 'APPROVE', 10),
      decision('d2', 'STEP_UP', 30),
      decision('d2', 'STEP_UP', 30),
      {
        type: 'outcome',
        outcome: {
          decisionId: 'd2',
          tenantId: 'bank',
          status: 'PASSED',
          source: 'AUTH',
          method: 'WEBAUTHN',
          completedAt: '2026-12-06T10:01:00.000Z',
        },
      },
    ];
    const state = items.reduce(
      (s, item) => feedReducer(s, { type: 'item', item, at: 0 }),
      EMPTY_FEED,
    );
    expect(state.decisions.map((d) => d.decisionId)).toEqual(['d2', 'd1']);
    const d2 = state.decisions[0];
    expect(d2 === undefined ? '' : latestState(d2, state.outcomes.get('d2') ?? [], [])).toBe(
      'step-up: WEBAUTHN · PASSED (auth)',
    );
    // analytics' own definitions: the passed step-up converts, and is legitimate friction.
    const [kpi] = analyticsViews(toTables(state)).kpi_daily;
    expect(kpi).toMatchObject({
      decisions: 2,
      approvals: 1,
      step_ups: 1,
      step_up_conversion: 1,
      false_positive_rate: 1,
      latency_p50_ms: 10,
      latency_p99_ms: 30,
    });
  });

  it('keeps the newest MAX_DECISIONS and forgets what the oldest carried', () => {
    let state = feedReducer(EMPTY_FEED, {
      type: 'item',
      item: decision('old', 'STEP_UP', 5),
      at: 0,
    });
    state = feedReducer(state, {
      type: 'item',
      item: {
        type: 'outcome',
        outcome: {
          decisionId: 'old',
          tenantId: 'bank',
          status: 'PASSED',
          source: 'AUTH',
          method: null,
          completedAt: '2026-12-06T10:01:00.000Z',
        },
      },
      at: 0,
    });
    for (let i = 0; i < MAX_DECISIONS; i++) {
      state = feedReducer(state, { type: 'item', item: decision(`d${i}`, 'APPROVE', 1), at: i });
    }
    expect(state.decisions).toHaveLength(MAX_DECISIONS);
    expect(state.decisions.at(-1)?.decisionId).toBe('d0');
    expect(state.outcomes.has('old')).toBe(false);
    expect(state.arrivedAt.has('old')).toBe(false);
  });
});

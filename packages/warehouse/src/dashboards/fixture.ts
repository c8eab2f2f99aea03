// A small, fixed picture of a week of traffic for the dashboard images: rows shaped like the three
// tables as @sentinel/analytics reads them (infra/bigquery/*.json), with what at-least-once
// delivery adds (a few decisions and outcomes delivered twice) and holds still open at the end of
// the week. Made by a seeded generator so it is the same on every run; illustrative, not a
// measurement of anything.
import type { AnalyticsTables, DecisionRow, EscrowEventRow, OutcomeRow } from '@sentinel/analytics';

/** mulberry32: a tiny seeded generator, so the fixture is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pick = <T>(random: () => number, weighted: readonly (readonly [T, number])[]): T => {
  let roll = random() * weighted.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [value, weight] of weighted) {
    roll -= weight;
    if (roll < 0) {
      return value;
    }
  }
  return weighted[weighted.length - 1]?.[0] as T;
};

/** Reason codes: how often each fires, and its weight in the risk score. */
const REASONS = [
  ['SIM_SWAP_RECENT', 5, 60],
  ['DEVICE_UNKNOWN', 4, 20],
  ['NEW_PAYEE_HIGH_AMOUNT', 3, 15],
  ['VELOCITY_AMOUNT', 2, 25],
  ['TELCO_SIGNAL_STALE', 2, 25],
  ['IMPOSSIBLE_TRAVEL', 1, 40],
] as const;

const DAY = 86_400_000;

/** Seven days (from `start`, UTC) of decisions for two tenants, their outcomes and holds. */
export function warehouseFixture(start = Date.UTC(2026, 10, 23), days = 7): AnalyticsTables {
  const random = seeded(13);
  const end = start + days * DAY;
  const decisions: DecisionRow[] = [];
  const outcomes: OutcomeRow[] = [];
  const escrowEvents: EscrowEventRow[] = [];
  let messages = 0;
  let ids = 0;
  const delivery = (publishedAt: number) => {
    messages += 1;
    return { publish_time: new Date(publishedAt), message_id: `m-${String(messages)}` };
  };
  /** Pub/Sub delivers at least once: now and then a row lands twice, the copy published later. */
  const deliver = <R extends { publish_time: Date | null }>(rows: R[], row: R): void => {
    rows.push(row);
    if (random() < 0.03) {
      const publishedAt = (row.publish_time?.getTime() ?? start) + 30_000;
      rows.push({ ...row, ...delivery(publishedAt) });
    }
  };
  for (let day = 0; day < days; day += 1) {
    for (const tenantId of ['bank-a', 'bank-b']) {
      const count = 40 + Math.floor(random() * 20);
      for (let n = 0; n < count; n += 1) {
        const at = start + day * DAY + Math.floor(random() * DAY);
        ids += 1;
        const decisionId = `d-${String(ids).padStart(4, '0')}`;
        const action = pick(random, [
          ['APPROVE', 80],
          ['STEP_UP', 14],
          ['DENY', 6],
        ] as const);
        const codes =
          action === 'APPROVE'
            ? []
            : [
                ...new Set([
                  pick(
                    random,
                    REASONS.map((r) => [r, r[1]] as const),
                  ),
                  pick(
                    random,
                    REASONS.map((r) => [r, r[1]] as const),
                  ),
                ]),
              ];
        deliver(decisions, {
          decisionId,
          tenantId,
          clientId: tenantId,
          decidedAt: new Date(at),
          action,
          reasons: codes.map(([code, , weight]) => ({ code, weight })),
          policyId: 'default',
          policyVersion: day < 4 ? 3 : 4,
          latencyMs: Math.round(18 + 30 * random() ** 2 + (random() < 0.03 ? 120 * random() : 0)),
          ...delivery(at + 1_000),
        });
        const later = at + Math.floor(random() * 3_600_000);
        if (action === 'STEP_UP') {
          const status = pick(random, [
            ['PASSED', 72],
            ['FAILED', 10],
            ['EXPIRED', 18],
          ] as const);
          deliver(outcomes, {
            decisionId,
            tenantId,
            status,
            // Outcomes written before schemaVersion 2 have no source (read as AUTH).
            source: random() < 0.3 ? null : 'AUTH',
            completedAt: new Date(later),
            ...delivery(later + 1_000),
          });
        } else {
          // The bank labels what it learns: most approved payments settle as legitimate, a few
          // come back as chargebacks; most denials were fraud.
          const status = pick(
            random,
            action === 'DENY'
              ? ([
                  ['CONFIRMED_FRAUD', 60],
                  ['CONFIRMED_LEGITIMATE', 25],
                  [null, 15],
                ] as const)
              : ([
                  ['CONFIRMED_LEGITIMATE', 78],
                  ['CHARGEBACK', 2],
                  [null, 20],
                ] as const),
          );
          if (status !== null) {
            deliver(outcomes, {
              decisionId,
              tenantId,
              status,
              source: 'BANK',
              completedAt: new Date(later + DAY),
              ...delivery(later + DAY + 1_000),
            });
          }
        }
        if (action !== 'APPROVE' && random() < 0.35) {
          const escrowId = `e-${decisionId}`;
          const held = { escrowId, decisionId, tenantId, heldAt: new Date(at) };
          deliver(escrowEvents, {
            ...held,
            status: 'HELD',
            cause: null,
            occurredAt: new Date(at),
            sequence: 1,
            ...delivery(at + 1_000),
          });
          const [status, cause] = pick(random, [
            [['RELEASED', 'STEP_UP_PASSED'], 50],
            [['RELEASED', 'VERIFIED'], 15],
            [['REVERSED', 'CONFIRMED_FRAUD'], 15],
            [['REVERSED', 'STEP_UP_FAILED'], 8],
            [['EXPIRED', 'HOLD_EXPIRED'], 12],
          ] as const);
          const wait =
            status === 'EXPIRED' ? DAY : Math.floor(60_000 + random() * 5_400_000 * random());
          // A hold that would end after the week is still HELD in the picture.
          if (at + wait < end) {
            deliver(escrowEvents, {
              ...held,
              status,
              cause,
              occurredAt: new Date(at + wait),
              sequence: 2,
              ...delivery(at + wait + 1_000),
            });
          }
        }
      }
    }
  }
  return { decisions, outcomes, escrow_events: escrowEvents };
}

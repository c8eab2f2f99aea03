// A small, fixed picture of a week of traffic for the dashboard images: rows shaped like the three
// tables (only the columns the charts need). Made by a seeded generator so it is the same on every
// run and small enough to read; it is illustrative, not a measurement of anything.

/** A `decisions` row (the columns the charts read). */
export interface DecisionRow {
  readonly decisionId: string;
  readonly tenantId: string;
  readonly decidedAt: string;
  readonly action: 'APPROVE' | 'STEP_UP' | 'DENY';
  readonly reasons: readonly { readonly code: string }[];
  readonly policyId: string;
  readonly policyVersion: number;
  readonly latencyMs: number;
}

/** An `outcomes` row. */
export interface OutcomeRow {
  readonly decisionId: string;
  readonly status: string;
  readonly source: 'AUTH' | 'BANK' | null;
  readonly completedAt: string;
}

/** An `escrow_events` row. */
export interface EscrowEventRow {
  readonly escrowId: string;
  readonly decisionId: string;
  readonly tenantId: string;
  readonly status: 'HELD' | 'RELEASED' | 'REVERSED' | 'EXPIRED';
  readonly cause: string | null;
  readonly heldAt: string;
  readonly occurredAt: string;
  readonly sequence: number;
}

export interface WarehouseFixture {
  readonly decisions: readonly DecisionRow[];
  readonly outcomes: readonly OutcomeRow[];
  readonly escrowEvents: readonly EscrowEventRow[];
}

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

const REASONS = [
  ['SIM_SWAP_RECENT', 5],
  ['DEVICE_UNKNOWN', 4],
  ['NEW_PAYEE_HIGH_AMOUNT', 3],
  ['VELOCITY_AMOUNT', 2],
  ['TELCO_SIGNAL_STALE', 2],
  ['IMPOSSIBLE_TRAVEL', 1],
] as const;

const iso = (ms: number): string => new Date(ms).toISOString();

/** Seven days (from `start`, UTC) of decisions for two tenants, their outcomes and holds. */
export function warehouseFixture(start = Date.UTC(2026, 10, 23), days = 7): WarehouseFixture {
  const random = seeded(13);
  const decisions: DecisionRow[] = [];
  const outcomes: OutcomeRow[] = [];
  const escrowEvents: EscrowEventRow[] = [];
  for (let day = 0; day < days; day += 1) {
    for (const tenantId of ['bank-a', 'bank-b']) {
      const count = 40 + Math.floor(random() * 20);
      for (let n = 0; n < count; n += 1) {
        const at = start + day * 86_400_000 + Math.floor(random() * 86_400_000);
        const decisionId = `d-${String(decisions.length + 1).padStart(4, '0')}`;
        const action = pick(random, [
          ['APPROVE', 80],
          ['STEP_UP', 14],
          ['DENY', 6],
        ] as const);
        const reasons =
          action === 'APPROVE'
            ? []
            : [...new Set([pick(random, REASONS), pick(random, REASONS)])].map((code) => ({
                code,
              }));
        decisions.push({
          decisionId,
          tenantId,
          decidedAt: iso(at),
          action,
          reasons,
          policyId: 'default',
          policyVersion: day < 4 ? 3 : 4,
          latencyMs: Math.round(18 + 30 * random() ** 2 + (random() < 0.03 ? 120 * random() : 0)),
        });
        const later = at + Math.floor(random() * 3_600_000);
        if (action === 'STEP_UP') {
          const status = pick(random, [
            ['PASSED', 72],
            ['FAILED', 10],
            ['EXPIRED', 18],
          ] as const);
          outcomes.push({
            decisionId,
            status,
            source: random() < 0.3 ? null : 'AUTH',
            completedAt: iso(later),
          });
        } else if (action === 'DENY' || random() < 0.02) {
          const status =
            action === 'DENY'
              ? pick(random, [
                  ['CONFIRMED_FRAUD', 60],
                  ['CONFIRMED_LEGITIMATE', 25],
                ] as const)
              : 'CHARGEBACK';
          outcomes.push({
            decisionId,
            status,
            source: 'BANK',
            completedAt: iso(later + 86_400_000),
          });
        }
        if (action !== 'APPROVE' && random() < 0.35) {
          const escrowId = `e-${decisionId}`;
          const held = { escrowId, decisionId, tenantId, heldAt: iso(at) };
          escrowEvents.push({
            ...held,
            status: 'HELD',
            cause: null,
            occurredAt: iso(at),
            sequence: 1,
          });
          const [status, cause] = pick(random, [
            [['RELEASED', 'STEP_UP_PASSED'], 50],
            [['RELEASED', 'VERIFIED'], 15],
            [['REVERSED', 'CONFIRMED_FRAUD'], 15],
            [['REVERSED', 'STEP_UP_FAILED'], 8],
            [['EXPIRED', 'HOLD_EXPIRED'], 12],
          ] as const);
          const wait =
            status === 'EXPIRED'
              ? 86_400_000
              : Math.floor(60_000 + random() * 5_400_000 * random());
          escrowEvents.push({ ...held, status, cause, occurredAt: iso(at + wait), sequence: 2 });
        }
      }
    }
  }
  return { decisions, outcomes, escrowEvents };
}

/**
 * A small fixture of rows shaped exactly like the BigQuery tables (infra/bigquery/*.json: every
 * column, timestamps as RFC 3339 text, `reasons` as records), with what at-least-once delivery
 * and real traffic add: duplicate messages, an outcome days late, a v1 outcome (source NULL), an
 * old decision (tenantId NULL), escrow events out of order, two tenants, two days, two policy
 * versions. The numbers each KPI must give are worked out by hand in kpis.test.ts.
 *
 * | id  | tenant | day   | policy | action  | latency | what happened                                      |
 * |-----|--------|-------|--------|---------|---------|----------------------------------------------------|
 * | a1  | bank-a | 12-01 | v1     | APPROVE | 10      | delivered twice; bank: CONFIRMED_LEGITIMATE        |
 * | a2  | bank-a | 12-01 | v1     | APPROVE | 20      | bank: CHARGEBACK (fraud that got through)          |
 * | a3  | bank-a | 12-01 | v1     | DENY    | 30      | bank: CONFIRMED_FRAUD                              |
 * | a4  | bank-a | 12-01 | v1     | STEP_UP | 40      | auth: PASSED (delivered twice), no label           |
 * | a5  | bank-a | 12-01 | v1     | STEP_UP | 50      | auth: FAILED; bank: CONFIRMED_FRAUD a day later    |
 * | a6  | bank-a | 12-01 | v1     | STEP_UP | 60      | held, RELEASED (VERIFIED) after 3600 s, out of order |
 * | a7  | bank-a | 12-01 | v1     | DENY    | 70      | bank: CONFIRMED_LEGITIMATE                         |
 * | a8  | bank-a | 12-01 | v2     | STEP_UP | 15      | held, EXPIRED (HOLD_EXPIRED) after 86400 s         |
 * | a9  | bank-a | 12-01 | v2     | STEP_UP | 25      | auth: EXPIRED                                      |
 * | a10 | bank-a | 12-01 | v2     | STEP_UP | 35      | nothing yet                                        |
 * | a11 | bank-a | 12-02 | v2     | APPROVE | 12      |                                                    |
 * | a12 | bank-a | 12-02 | v2     | STEP_UP | 22      | held, still HELD (escrow.held delivered twice)     |
 * | a13 | bank-a | 12-02 | v2     | STEP_UP | 32      | held, REVERSED (CONFIRMED_FRAUD) after 1800 s; bank: CONFIRMED_FRAUD |
 * | b1  | bank-b | 12-01 | v1     | APPROVE | 8       | schemaVersion 2: tenantId NULL; bank: CONFIRMED_LEGITIMATE |
 * | b2  | bank-b | 12-01 | v1     | DENY    | 18      | no outcome                                         |
 * | b3  | bank-b | 12-01 | v1     | STEP_UP | 28      | auth v1 (source NULL): PASSED; bank: CHARGEBACK    |
 */
export type JsonRow = Record<string, unknown>;

export interface TableRows {
  decisions: JsonRow[];
  outcomes: JsonRow[];
  escrow_events: JsonRow[];
}

const DAY_1 = Date.parse('2026-12-01T09:00:00.000Z');
const DAY_2 = Date.parse('2026-12-02T09:00:00.000Z');
const MINUTE = 60_000;

function at(ms: number): string {
  return new Date(ms).toISOString();
}

function meta(n: number, publishedAt: number, attributes: JsonRow): JsonRow {
  return {
    subscription_name: 'projects/sentinel-test/subscriptions/bq',
    message_id: `m${String(n).padStart(3, '0')}`,
    publish_time: at(publishedAt),
    attributes,
  };
}

interface DecisionSpec {
  id: string;
  tenant: string;
  start: number;
  version: number;
  action: 'APPROVE' | 'STEP_UP' | 'DENY';
  latencyMs: number;
  reasons?: [string, number][];
  escrow?: string;
  legacy?: true;
}

function decision(spec: DecisionSpec, message: number, publishDelay = 1000): JsonRow {
  const decidedAt = spec.start + spec.latencyMs;
  return {
    decisionId: spec.id,
    transactionId: `tx-${spec.id}`,
    clientId: spec.tenant,
    occurredAt: at(spec.start),
    decidedAt: at(decidedAt),
    userKey: `user-${spec.id}`,
    phoneKey: `phone-${spec.id}`,
    ipKey: `ip-${spec.id}`,
    deviceKey: `device-${spec.id}`,
    amountMinor: 150_000,
    currency: 'ZAR',
    channel: 'PAYSHAP',
    action: spec.action,
    riskScore: spec.action === 'APPROVE' ? 5 : spec.action === 'STEP_UP' ? 45 : 85,
    riskLevel: spec.action === 'APPROVE' ? 'LOW' : spec.action === 'STEP_UP' ? 'MEDIUM' : 'HIGH',
    reasons: (spec.reasons ?? []).map(([code, weight]) => ({ code, weight })),
    stepUpMethods: spec.action === 'STEP_UP' ? ['WEBAUTHN'] : [],
    escrowHeld: spec.escrow !== undefined,
    escrowReason: spec.escrow === undefined ? null : 'TELCO_SIGNAL_UNAVAILABLE',
    freeze: false,
    simSwapFreshness: 'FRESH',
    simSwapAgeHours: null,
    policyId: 'default',
    policyVersion: spec.version,
    latencyMs: spec.latencyMs,
    schemaVersion: spec.legacy ? 2 : 3,
    behaviorScore: null,
    behaviorDistance: null,
    behaviorBaselineVersion: null,
    tenantId: spec.legacy ? null : spec.tenant,
    escrowId: spec.legacy || spec.escrow === undefined ? null : spec.escrow,
    escrowReleaseBy: spec.escrow === undefined ? null : at(decidedAt + 24 * 60 * MINUTE),
    stepUpChallengeId: null,
    payeeKey: null,
    ...meta(message, decidedAt + publishDelay, { decisionId: spec.id, schemaVersion: '3' }),
  };
}

type SpecRow = [
  id: string,
  tenant: string,
  day: 1 | 2,
  minute: number,
  policyVersion: number,
  action: DecisionSpec['action'],
  latencyMs: number,
  reasons: [string, number][],
  escrow?: string,
];

// prettier-ignore
const SPEC_ROWS: SpecRow[] = [
  ['a1', 'bank-a', 1, 0, 1, 'APPROVE', 10, []],
  ['a2', 'bank-a', 1, 1, 1, 'APPROVE', 20, []],
  ['a3', 'bank-a', 1, 2, 1, 'DENY', 30, [['SIM_SWAP_RECENT', 60], ['NEW_DEVICE', 20]]],
  ['a4', 'bank-a', 1, 3, 1, 'STEP_UP', 40, [['NEW_DEVICE', 20]]],
  ['a5', 'bank-a', 1, 4, 1, 'STEP_UP', 50, [['NEW_DEVICE', 20], ['HIGH_AMOUNT', 15]]],
  ['a6', 'bank-a', 1, 5, 1, 'STEP_UP', 60, [['TELCO_SIGNAL_UNAVAILABLE', 30]], 'e6'],
  ['a7', 'bank-a', 1, 6, 1, 'DENY', 70, [['SIM_SWAP_RECENT', 60]]],
  ['a8', 'bank-a', 1, 7, 2, 'STEP_UP', 15, [['TELCO_SIGNAL_STALE', 25]], 'e8'],
  ['a9', 'bank-a', 1, 8, 2, 'STEP_UP', 25, [['TELCO_SIGNAL_STALE', 25]]],
  ['a10', 'bank-a', 1, 9, 2, 'STEP_UP', 35, [['TELCO_SIGNAL_STALE', 25]]],
  ['a11', 'bank-a', 2, 0, 2, 'APPROVE', 12, []],
  ['a12', 'bank-a', 2, 1, 2, 'STEP_UP', 22, [['TELCO_SIGNAL_UNAVAILABLE', 30]], 'e12'],
  ['a13', 'bank-a', 2, 2, 2, 'STEP_UP', 32, [['TELCO_SIGNAL_UNAVAILABLE', 30], ['NO_SAFE_STEP_UP', 10]], 'e13'],
  ['b1', 'bank-b', 1, 0, 1, 'APPROVE', 8, []], // written with schemaVersion 2: tenantId NULL
  ['b2', 'bank-b', 1, 1, 1, 'DENY', 18, [['FLEET_ANOMALY', 70]]],
  ['b3', 'bank-b', 1, 2, 1, 'STEP_UP', 28, [['NEW_DEVICE', 20]]],
];

const SPECS = new Map(
  SPEC_ROWS.map(([id, tenant, day, minute, version, action, latencyMs, reasons, escrow]) => {
    const start = (day === 1 ? DAY_1 : DAY_2) + minute * MINUTE;
    const base = { id, tenant, start, version, action, latencyMs, reasons };
    const spec: DecisionSpec = escrow === undefined ? base : { ...base, escrow };
    return [id, id === 'b1' ? { ...spec, legacy: true as const } : spec];
  }),
);

function spec(id: string): DecisionSpec {
  const found = SPECS.get(id);
  if (found === undefined) {
    throw new Error(`no decision ${id} in the fixture`);
  }
  return found;
}

type Source = 'AUTH' | 'BANK' | 'AUTH_V1';

function outcome(
  id: string,
  status: string,
  source: Source,
  after: number,
  message: number,
): JsonRow {
  const d = spec(id);
  const decidedAt = d.start + d.latencyMs;
  const completedAt = decidedAt + after;
  const bank = source === 'BANK';
  return {
    decisionId: id,
    tenantId: d.tenant,
    status,
    method: source !== 'BANK' && status === 'PASSED' ? 'WEBAUTHN' : null,
    completedAt: at(completedAt),
    createdAt: at(decidedAt),
    attempts: bank ? 0 : 1,
    sends: 0,
    schemaVersion: source === 'AUTH_V1' ? 1 : 2,
    source: source === 'AUTH_V1' ? null : source,
    reportedBy: bank ? 'analyst-7' : null,
    reference: bank ? `case-${id}` : null,
    ...meta(message, completedAt + 500, { decisionId: id }),
  };
}

type EscrowEnd = ['RELEASED' | 'REVERSED' | 'EXPIRED', string, number];

/** The hold's events: escrow.held (sequence 1) and, if it ended, the terminal event (sequence 2). */
function escrowEvent(
  id: string,
  sequence: 1 | 2,
  end: EscrowEnd | undefined,
  message: number,
  publishedAt?: number,
): JsonRow {
  const d = spec(id);
  const heldAt = d.start + d.latencyMs;
  const occurredAt = sequence === 1 || end === undefined ? heldAt : heldAt + end[2] * 1000;
  const status = sequence === 1 || end === undefined ? 'HELD' : end[0];
  const escrowId = d.escrow ?? `no-escrow-${id}`;
  return {
    eventId: `${escrowId}.${String(sequence)}`,
    type: `escrow.${status.toLowerCase()}`,
    tenantId: d.tenant,
    escrowId,
    decisionId: id,
    transactionId: `tx-${id}`,
    status,
    reason: 'TELCO_SIGNAL_UNAVAILABLE',
    cause: sequence === 1 || end === undefined ? null : end[1],
    amountMinor: 150_000,
    currency: 'ZAR',
    heldAt: at(heldAt),
    releaseBy: at(heldAt + 24 * 60 * MINUTE),
    occurredAt: at(occurredAt),
    sequence,
    schemaVersion: 1,
    ...meta(message, publishedAt ?? occurredAt + 500, {
      eventId: `${escrowId}.${String(sequence)}`,
    }),
  };
}

const HOUR_MS = 60 * MINUTE;

/** The fixture: 17 decision rows (16 decisions), 13 outcome rows, 8 escrow event rows. */
export const FIXTURE: TableRows = {
  decisions: [
    decision(spec('a1'), 1),
    decision(spec('a1'), 2, 90_000), // the same message again, published later: dropped
    ...[
      'a2',
      'a3',
      'a4',
      'a5',
      'a6',
      'a7',
      'a8',
      'a9',
      'a10',
      'a11',
      'a12',
      'a13',
      'b1',
      'b2',
      'b3',
    ].map((id, i) => decision(spec(id), 3 + i)),
  ],
  outcomes: [
    outcome('a1', 'CONFIRMED_LEGITIMATE', 'BANK', 2 * HOUR_MS, 101),
    outcome('a2', 'CHARGEBACK', 'BANK', 20 * HOUR_MS, 102),
    outcome('a3', 'CONFIRMED_FRAUD', 'BANK', 3 * HOUR_MS, 103),
    outcome('a4', 'PASSED', 'AUTH', 30_000, 104),
    outcome('a4', 'PASSED', 'AUTH', 30_000, 105), // redelivered by the outbox: dropped
    outcome('a5', 'FAILED', 'AUTH', 60_000, 106),
    outcome('a5', 'CONFIRMED_FRAUD', 'BANK', 26 * HOUR_MS, 107), // late: decided on day 1, labelled on day 2
    outcome('a7', 'CONFIRMED_LEGITIMATE', 'BANK', 4 * HOUR_MS, 108),
    outcome('a9', 'EXPIRED', 'AUTH', 5 * MINUTE, 109),
    outcome('a13', 'CONFIRMED_FRAUD', 'BANK', 20 * MINUTE, 110),
    outcome('b1', 'CONFIRMED_LEGITIMATE', 'BANK', HOUR_MS, 111),
    outcome('b3', 'PASSED', 'AUTH_V1', 45_000, 112),
    outcome('b3', 'CHARGEBACK', 'BANK', 48 * HOUR_MS, 113),
  ],
  escrow_events: [
    // a6: the terminal event was published before escrow.held; the sequence decides, not arrival.
    escrowEvent('a6', 2, ['RELEASED', 'VERIFIED', 3600], 201),
    escrowEvent('a6', 1, ['RELEASED', 'VERIFIED', 3600], 202, DAY_1 + 10 * HOUR_MS),
    escrowEvent('a8', 1, undefined, 203),
    escrowEvent('a8', 2, ['EXPIRED', 'HOLD_EXPIRED', 86_400], 204),
    escrowEvent('a12', 1, undefined, 205),
    escrowEvent('a12', 1, undefined, 206), // redelivered: dropped
    escrowEvent('a13', 1, undefined, 207),
    escrowEvent('a13', 2, ['REVERSED', 'CONFIRMED_FRAUD', 1800], 208),
  ],
};

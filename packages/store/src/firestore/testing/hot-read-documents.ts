import { Timestamp } from '@google-cloud/firestore';
import { aBaseline } from '@sentinel/contracts/testing';
import type { z } from 'zod';
import { BaselineDoc, toBaselineData } from '../baseline-doc.ts';
import { HistoryJson } from '../decision-context-json.ts';
import { FactorsEnrolmentDoc } from '../factors-doc.ts';
import {
  AccountFreezeDoc,
  SightingsDoc,
  SimSwapSignalDoc,
  UserHistoryDoc,
  UserProfileDoc,
} from '../schemas.ts';

/** A document the hot path reads: its schema and one valid example as Firestore hands it back. */
export interface HotReadDocument {
  readonly name: string;
  readonly schema: z.ZodType;
  readonly example: unknown;
  /** Read by every decision (the others: an old form, or cached per version). */
  readonly everyDecision: boolean;
}

// The documents the hot path reads, as Firestore hands them back (dates as Timestamps; a history
// as JSON text, dates as RFC 3339), one valid example each, a history of twenty payments.
const at = Timestamp.fromMillis(1_764_000_000_123);
const payments = (date: (k: number) => unknown) =>
  Array.from({ length: 20 }, (_, k) => ({
    decisionId: `decision-${k}`,
    at: date(k),
    amount: { minor: 1_000 * (k + 1), currency: 'ZAR' },
    ...(k === 0 ? {} : { payeeAccountId: `payee-${k}` }),
    action: k === 2 ? 'STEP_UP' : 'APPROVE',
  }));
const iso = (k: number) => new Date(1_764_000_000_123 - k * 60_000).toISOString();
const EXAMPLES: readonly (readonly [string, z.ZodType, unknown])[] = [
  [
    'users/{userId}',
    UserProfileDoc,
    {
      userId: 'user-1',
      phoneNumber: '+27821230001',
      devices: [
        { id: 'phone-1', imei: '356938035643809', boundAt: at },
        { id: 'tab', boundAt: at },
      ],
      homeLocation: { lat: -26.2, lon: 28.04 },
      enrolledFactors: ['WEBAUTHN', 'TOTP'],
      contacts: { email: 'a@example.test' },
    },
  ],
  ['factors/{userId}', FactorsEnrolmentDoc, { passkeys: [{ id: 'k' }], totp: { confirmedAt: at } }],
  [
    'simSwapSignals/{E.164}',
    SimSwapSignalDoc,
    { phoneNumber: '+27821230001', lastSwapAt: null, checkedAt: at, source: 'camara' },
  ],
  [
    'accountFreezes/{userId}',
    AccountFreezeDoc,
    { frozen: true, frozenAt: at, decisionId: 'd', reason: 'FLEET', comment: 'c' },
  ],
  [
    'deviceSightings/{hash}',
    SightingsDoc,
    {
      sightings: [
        { userId: 'user-1', at, decisionId: 'd1', bound: true },
        { userId: 'user-2', at, decisionId: 'd2' },
      ],
    },
  ],
  [
    'userHistory/{userId} as maps',
    UserHistoryDoc,
    {
      recentPayments: payments(() => at),
      lastLocation: { lat: 1, lon: 2, source: 'GPS', at },
      lastImei: { imei: '356938035643809', phoneNumber: '+27821230001', at },
      failedLogins: [at],
    },
  ],
  [
    'userHistory/{userId}.historyJson',
    HistoryJson,
    {
      recentPayments: payments(iso),
      lastLocation: { lat: 1, lon: 2, accuracyM: 5, source: 'GPS', at: iso(9) },
      failedLogins: [iso(1)],
    },
  ],
  [
    'behaviorBaselines/{userId}',
    BaselineDoc,
    { ...toBaselineData({ ...aBaseline(), version: 2 }), fittedAt: at },
  ],
];

// Kept in the old map form only until rewritten; a baseline is parsed once per version (baseline-cache.ts).
const NOT_EVERY_DECISION = new Set(['userHistory/{userId} as maps', 'behaviorBaselines/{userId}']);

/** The documents the hot path reads (compiled-schemas.test.ts, `npm run bench:plumbing`). */
export const HOT_READ_DOCUMENTS: readonly HotReadDocument[] = EXAMPLES.map(
  ([name, schema, example]) => ({
    name,
    schema,
    example,
    everyDecision: !NOT_EVERY_DECISION.has(name),
  }),
);

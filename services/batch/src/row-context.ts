import type { AssessmentContext } from '@sentinel/engine';
import type { ActivityRow } from './parse-row.ts';

const LONG_KNOWN = new Date(0); // no first-seen date: the handset counts as long known

/**
 * The engine's view of one activity row (the mapping in issue 16): a zero-amount payment at
 * `as_of` carrying the row's usage, a fresh SIM swap signal read from the file, a profile bound to
 * the row's handset and a history made of the row's failed logins and previous location.
 */
export function toAssessmentContext(row: ActivityRow): AssessmentContext {
  const userId = row.subscriberId;
  const phoneNumber = row.msisdn;
  return {
    now: row.asOf,
    payment: {
      transactionId: `row-${row.line}`,
      userId,
      phoneNumber,
      amount: { minor: 0, currency: 'ZAR' },
      channel: 'OTHER',
      device: { id: row.deviceId ?? 'unknown' },
      ipAddress: '0.0.0.0',
      ...(row.location === undefined ? {} : { location: { ...row.location, source: 'NETWORK' } }),
      telcoUsage: row.telcoUsage,
      occurredAt: row.asOf,
    },
    simSwap: {
      signal: {
        phoneNumber,
        lastSwapAt: row.lastSimChangeAt ?? null,
        checkedAt: row.asOf,
        source: 'file',
      },
      freshness: 'FRESH',
    },
    profile: {
      userId,
      phoneNumber,
      devices:
        row.deviceId === undefined
          ? []
          : [{ id: row.deviceId, boundAt: row.deviceFirstSeenAt ?? LONG_KNOWN }],
      enrolledFactors: [],
      contacts: {},
    },
    history: {
      recentPayments: [],
      failedLogins: Array.from({ length: row.failedLogins24h }, () => row.asOf),
      ...(row.previousLocation === undefined
        ? {}
        : { lastLocation: { ...row.previousLocation, source: 'NETWORK' } }),
    },
  };
}

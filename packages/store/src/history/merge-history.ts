import type { PaymentMemory, UserHistory } from '@sentinel/engine';
import type { HistoryUpdate } from '../ports/payment-history.ts';

const HOUR_MS = 3_600_000;

/**
 * How much history one user keeps. Windows are measured from the newest entry, not the wall
 * clock, so merging is pure and replays give the same result. The rules look back at most 24 h
 * (velocity, failed logins — SPEC §5) and "far above the user's typical" needs a few weeks.
 * 20 payments cover both (velocity fires at 5 an hour, the typical amount needs 5 approved ones);
 * every payment kept is read, scored and serialised into the decision record on each assessment,
 * which with 50 was the largest share of the in-memory risk-api's CPU (profiled).
 */
export const HISTORY_WINDOW = {
  maxPayments: 20,
  paymentsMaxAgeMs: 30 * 24 * HOUR_MS,
  maxFailedLogins: 50,
  failedLoginsMaxAgeMs: 24 * HOUR_MS,
} as const;

/**
 * Applies one decision's update to a user's history. Returns `null` when the decision was already
 * applied (its id is among the recent payments), so adapters can skip the write. An update older
 * than the current last location / IMEI leaves those alone (the outbox may deliver late).
 */
export function mergeHistory(current: UserHistory, update: HistoryUpdate): UserHistory | null {
  if (current.recentPayments.some((p) => p.decisionId === update.payment.decisionId)) {
    return null;
  }
  const recentPayments = newestFirst([update.payment, ...current.recentPayments])
    .filter(within(HISTORY_WINDOW.paymentsMaxAgeMs, (p) => p.at))
    .slice(0, HISTORY_WINDOW.maxPayments);
  const lastLocation = later(current.lastLocation, update.location);
  const lastImei = later(current.lastImei, update.imei);
  return {
    recentPayments,
    failedLogins: current.failedLogins,
    ...(lastLocation === undefined ? {} : { lastLocation }),
    ...(lastImei === undefined ? {} : { lastImei }),
  };
}

/** Adds one failed login, keeping the last 24 h (at most 50), most recent first. */
export function addFailedLogin(current: UserHistory, at: Date): UserHistory {
  const failedLogins = [at, ...current.failedLogins]
    .sort((a, b) => b.getTime() - a.getTime())
    .filter(within(HISTORY_WINDOW.failedLoginsMaxAgeMs, (d) => d))
    .slice(0, HISTORY_WINDOW.maxFailedLogins);
  return { ...current, failedLogins };
}

function newestFirst(payments: readonly PaymentMemory[]): PaymentMemory[] {
  // Ties broken by decision id (UUIDv7, time-ordered) so the order never depends on arrival.
  return [...payments].sort(
    (a, b) =>
      b.at.getTime() - a.at.getTime() ||
      (a.decisionId < b.decisionId ? 1 : a.decisionId > b.decisionId ? -1 : 0),
  );
}

/** A filter for a newest-first list: keeps entries no older than `maxAgeMs` before the first. */
function within<T>(maxAgeMs: number, at: (item: T) => Date) {
  return (item: T, _index: number, all: readonly T[]): boolean => {
    const first = all[0];
    return first === undefined || at(first).getTime() - at(item).getTime() <= maxAgeMs;
  };
}

function later<T extends { readonly at: Date }>(
  current: T | undefined,
  candidate: T | undefined,
): T | undefined {
  if (candidate === undefined) {
    return current;
  }
  return current === undefined || candidate.at.getTime() >= current.at.getTime()
    ? candidate
    : current;
}

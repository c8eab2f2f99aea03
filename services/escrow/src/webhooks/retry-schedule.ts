// When a failed webhook is tried again: Standard Webhooks' example schedule (spec, "Retry
// schedule"), after an immediate first attempt: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h,
// 24 h — 75 h 35 min 5 s in all, about three days — then the delivery goes to the dead letters.
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** The wait after attempt n (index n − 1), before jitter. */
export const RETRY_DELAYS_MS: readonly number[] = [
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  14 * HOUR,
  20 * HOUR,
  24 * HOUR,
];

/** The first attempt plus one per delay. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** ±20 %: spreads the retries of many holds that failed together (an endpoint outage). */
export const RETRY_JITTER = 0.2;

/**
 * When to make the attempt after attempt number `attempt` (1 = the first) failed at
 * `lastAttemptAt`, or null when that was the last one and the delivery is dead-lettered.
 * `random` returns a number in [0, 1]: 0 waits 20 % less, 1 waits 20 % more.
 */
export function nextAttemptAt(
  attempt: number,
  lastAttemptAt: Date,
  random: () => number,
): Date | null {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(`attempt must be an integer from 1, got ${attempt}`);
  }
  const delay = RETRY_DELAYS_MS[attempt - 1];
  if (delay === undefined) {
    return null;
  }
  const r = random();
  if (!(r >= 0 && r <= 1)) {
    throw new RangeError(`random() must return a number in [0, 1], got ${r}`);
  }
  const factor = 1 + RETRY_JITTER * (2 * r - 1);
  return new Date(lastAttemptAt.getTime() + Math.round(delay * factor));
}

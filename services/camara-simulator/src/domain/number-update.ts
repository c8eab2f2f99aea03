import type { NumberRecord } from './number-record.ts';

const DAY_MS = 86_400_000;
/** A number registered without an activation date got its SIM this long ago (outside 120 days). */
export const DEFAULT_ACTIVATION_AGE_DAYS = 730;

/** The body of `PUT /demo/numbers/{phoneNumber}`; absent fields keep their current value. */
export interface NumberUpdate {
  readonly activatedAt?: Date | null;
  readonly lastSwapAt?: Date | null;
  readonly swappedHoursAgo?: number;
  readonly serviceApplicable?: boolean;
}

export type NumberUpdateResult =
  | { readonly ok: true; readonly record: NumberRecord; readonly issue?: never }
  | { readonly ok: false; readonly issue: string; readonly record?: never };

const fail = (issue: string): NumberUpdateResult => ({ ok: false, issue });

/**
 * Applies a demo update to the stored record (or registers the number). `swappedHoursAgo` is
 * `lastSwapAt` relative to now. A new number without `activatedAt` was activated
 * `DEFAULT_ACTIVATION_AGE_DAYS` ago, or at its swap if that is earlier. The result must make
 * sense: nothing in the future, and a swapped number has a SIM activated no later than the swap.
 */
export function applyNumberUpdate(
  phoneNumber: string,
  existing: NumberRecord | null,
  update: NumberUpdate,
  now: Date,
): NumberUpdateResult {
  if (update.lastSwapAt !== undefined && update.swappedHoursAgo !== undefined) {
    return fail('send lastSwapAt or swappedHoursAgo, not both');
  }
  const lastSwapAt =
    update.swappedHoursAgo !== undefined
      ? new Date(now.getTime() - Math.round(update.swappedHoursAgo * 3_600_000))
      : update.lastSwapAt !== undefined
        ? update.lastSwapAt
        : (existing?.lastSwapAt ?? null);
  const defaultActivation = new Date(
    Math.min(
      now.getTime() - DEFAULT_ACTIVATION_AGE_DAYS * DAY_MS,
      lastSwapAt?.getTime() ?? Infinity,
    ),
  );
  const activatedAt =
    update.activatedAt !== undefined
      ? update.activatedAt
      : existing === null
        ? defaultActivation
        : existing.activatedAt;
  if (activatedAt !== null && activatedAt.getTime() > now.getTime()) {
    return fail('activatedAt is in the future');
  }
  if (lastSwapAt !== null && lastSwapAt.getTime() > now.getTime()) {
    return fail('lastSwapAt is in the future');
  }
  if (lastSwapAt !== null && activatedAt === null) {
    return fail('a swapped number has a SIM: activatedAt cannot be null');
  }
  if (lastSwapAt !== null && activatedAt !== null && lastSwapAt < activatedAt) {
    return fail('lastSwapAt is before activatedAt');
  }
  return {
    ok: true,
    record: {
      phoneNumber,
      activatedAt,
      lastSwapAt,
      serviceApplicable: update.serviceApplicable ?? existing?.serviceApplicable ?? true,
      updatedAt: now,
    },
  };
}

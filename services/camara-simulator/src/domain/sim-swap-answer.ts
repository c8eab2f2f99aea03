import { latestSimChange, type NumberRecord } from './number-record.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** How long the simulated operator may keep SIM change history (`null`: without limit). */
export interface MonitoringPolicy {
  readonly monitoredPeriodDays: number | null;
}

/** `SimSwapInfo` of sim-swap.yaml. */
export interface SimSwapInfo {
  readonly latestSimChange: string | null;
  readonly monitoredPeriod?: number;
}

/** `CheckSimSwapInfo` of sim-swap.yaml. */
export interface CheckSimSwapInfo {
  readonly swapped: boolean;
}

export type LookupError = 'IDENTIFIER_NOT_FOUND' | 'SERVICE_NOT_APPLICABLE';

export type Answer<T> =
  | { readonly ok: true; readonly value: T; readonly error?: never }
  | { readonly ok: false; readonly error: LookupError; readonly value?: never };

const NOT_FOUND = { ok: false, error: 'IDENTIFIER_NOT_FOUND' } as const;
const NOT_APPLICABLE = { ok: false, error: 'SERVICE_NOT_APPLICABLE' } as const;

/**
 * `POST /retrieve-date`: the latest SIM change (the activation when never swapped). A change older
 * than the monitored period cannot be disclosed: `null` with `monitoredPeriod`, meaning "no swap
 * during monitoredPeriod". A number that never had a SIM answers `null` alone (test plan
 * `retrieve_sim_swap_date_4_sim_never_associated`). The window's edge is inclusive.
 */
export function retrieveSimSwapDate(
  record: NumberRecord | null,
  now: Date,
  policy: MonitoringPolicy,
): Answer<SimSwapInfo> {
  if (record === null) {
    return NOT_FOUND;
  }
  if (!record.serviceApplicable) {
    return NOT_APPLICABLE;
  }
  const latest = latestSimChange(record);
  if (latest === null) {
    return { ok: true, value: { latestSimChange: null } };
  }
  const days = policy.monitoredPeriodDays;
  if (days !== null && now.getTime() - latest.getTime() > days * DAY_MS) {
    return { ok: true, value: { latestSimChange: null, monitoredPeriod: days } };
  }
  return { ok: true, value: { latestSimChange: latest.toISOString() } };
}

/**
 * `maxAge` above the operator's monitored period (still within 1–2400) is 400 OUT_OF_RANGE with an
 * explicit message (sim-swap.yaml, "POST check"). Returns that message, or null when allowed.
 */
export function maxAgeBeyondPolicy(maxAgeHours: number, policy: MonitoringPolicy): string | null {
  const days = policy.monitoredPeriodDays;
  if (days === null || maxAgeHours <= days * 24) {
    return null;
  }
  return `Check monitor period could not exceed local regulations (${days} days)`;
}

/**
 * `POST /check`: whether the latest SIM change (a swap, or the activation of a new subscription)
 * happened within the last `maxAgeHours`, edge inclusive. A number without a SIM was not swapped.
 */
export function checkSimSwap(
  record: NumberRecord | null,
  now: Date,
  maxAgeHours: number,
): Answer<CheckSimSwapInfo> {
  if (record === null) {
    return NOT_FOUND;
  }
  if (!record.serviceApplicable) {
    return NOT_APPLICABLE;
  }
  const latest = latestSimChange(record);
  const age = latest === null ? Infinity : now.getTime() - latest.getTime();
  return { ok: true, value: { swapped: age >= 0 && age <= maxAgeHours * HOUR_MS } };
}

import { providerFailure, type ProviderResult } from '../sim-swap-provider.ts';

type Fields = Readonly<Record<string, unknown>>;

const asFields = (value: unknown): Fields | null =>
  typeof value === 'object' && value !== null ? (value as Fields) : null;

/** A field under its camelCase or its snake_case name: the SDK converts some levels, not all. */
function field(from: Fields, camel: string, snake: string): unknown {
  return from[camel] ?? from[snake] ?? null;
}

const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** ISO 8601 duration (`PT48H`, `P7D`, `P1DT12H`) in hours; null when it is not one. */
export function durationHours(value: unknown): number | null {
  if (typeof value !== 'string' || value === 'P' || value.endsWith('T')) {
    return null;
  }
  const m = DURATION.exec(value);
  if (m === null) {
    return null;
  }
  const part = (i: number): number => Number(m[i] ?? 0);
  return part(1) * 168 + part(2) * 24 + part(3) + part(4) / 60 + part(5) / 3600;
}

/**
 * Reads Twilio Lookup v2 `sim_swap` (either the SDK's `simSwap` or the wire object, snake_case or
 * camelCase at every level). "No data" in any form is never "not swapped":
 * - no `sim_swap` at all → `NOT_COVERED` (unsupported country or carrier, not billed);
 * - an `error_code` (60606 not enabled, 60607 unsupported country, 60620 incomplete carrier data)
 *   → `UNAVAILABLE`, not retried (Twilio: "do not retry", each attempt is billed);
 * - no `last_sim_swap`, or no date and no usable period → `UNAVAILABLE`;
 * - a date → that swap; no date, `swapped_in_period: false` → no swap within `swapped_period`;
 * - no date, `swapped_in_period: true` → swapped at an unknown time inside the period: recorded
 *   as swapped at `checkedAt`, the most recent (strictest) time it can have been.
 */
export function fromTwilioSimSwap(
  simSwap: unknown,
  at: { readonly source: string; readonly checkedAt: Date },
): ProviderResult {
  const outer = asFields(simSwap);
  if (outer === null) {
    return providerFailure('NOT_COVERED', `${at.source}: no sim_swap data for this number`, false);
  }
  const errorCode = field(outer, 'errorCode', 'error_code');
  if (errorCode !== null) {
    return providerFailure(
      'UNAVAILABLE',
      `${at.source}: error_code ${typeof errorCode === 'number' || typeof errorCode === 'string' ? errorCode : '(not a number)'}`,
      false,
    );
  }
  const last = asFields(field(outer, 'lastSimSwap', 'last_sim_swap'));
  if (last === null) {
    return providerFailure('UNAVAILABLE', `${at.source}: sim_swap without last_sim_swap`, false);
  }
  const date = field(last, 'lastSimSwapDate', 'last_sim_swap_date');
  const periodHours = durationHours(field(last, 'swappedPeriod', 'swapped_period'));
  const inPeriod = field(last, 'swappedInPeriod', 'swapped_in_period');
  const period = periodHours === null ? {} : { monitoredPeriodHours: periodHours };
  const base = { ok: true, source: at.source, checkedAt: at.checkedAt, ...period } as const;
  if (typeof date === 'string' || date instanceof Date) {
    const swappedAt = new Date(date);
    return Number.isNaN(swappedAt.getTime())
      ? providerFailure('ERROR', `${at.source}: unreadable last_sim_swap_date`, false)
      : { ...base, lastSwapAt: swappedAt };
  }
  if (periodHours !== null && inPeriod === false) {
    return { ...base, lastSwapAt: null };
  }
  if (periodHours !== null && inPeriod === true) {
    return { ...base, lastSwapAt: at.checkedAt };
  }
  return providerFailure(
    'UNAVAILABLE',
    `${at.source}: last_sim_swap has no date and no period`,
    false,
  );
}

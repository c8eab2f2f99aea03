import type { SimSwapSignal } from './signals.ts';
import { hoursBetween } from './time.ts';

/**
 * Hours since the last reported SIM change, or null when none is known. A swap reported in the
 * future (clock skew between operator and us) counts as "just now".
 */
export function simSwapAgeHours(signal: SimSwapSignal | null, now: Date): number | null {
  if (signal?.lastSwapAt == null) {
    return null;
  }
  return Math.max(0, hoursBetween(signal.lastSwapAt, now));
}

/** Whether a swap happened within the last `hours` (SMS codes are unsafe then). */
export function swappedWithin(ageHours: number | null, hours: number): boolean {
  return ageHours !== null && ageHours < hours;
}

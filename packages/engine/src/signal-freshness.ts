import type { SignalFreshness, SimSwapSignal } from './signals.ts';

/**
 * How far the SIM swap signal can be trusted now (SPEC §5): FRESH when a provider answered within
 * `maxAgeSeconds` (inclusive), STALE when an older answer is known, UNAVAILABLE when none is.
 */
export function classifySimSwapSignal(
  signal: SimSwapSignal | null,
  now: Date,
  maxAgeSeconds: number,
): SignalFreshness {
  if (signal === null) {
    return 'UNAVAILABLE';
  }
  const ageMs = now.getTime() - signal.checkedAt.getTime();
  return ageMs <= maxAgeSeconds * 1000 ? 'FRESH' : 'STALE';
}

import type { SimSwapSignal } from '@sentinel/engine';
import type { SimSwapSignals } from '@sentinel/store';

export interface SaveOutcome {
  /** False when the stored signal was checked later than this one (it stays). */
  readonly written: boolean;
  /** The swap facts differ from what was stored (or nothing was stored). */
  readonly changed: boolean;
}

/**
 * Writes a provider's signal through the risk-api's port unless a later check is already stored:
 * a slow background answer must not overwrite what the webhook wrote a moment ago. (Read then
 * write, not a transaction: the port has none, and the window is one round trip.)
 */
export async function saveSimSwapSignal(
  store: SimSwapSignals,
  signal: SimSwapSignal,
): Promise<SaveOutcome> {
  const stored = await store.getSimSwapSignal(signal.phoneNumber);
  if (stored !== null && stored.checkedAt.getTime() > signal.checkedAt.getTime()) {
    return { written: false, changed: false };
  }
  await store.putSimSwapSignal(signal);
  return { written: true, changed: stored === null || !sameFacts(stored, signal) };
}

function sameFacts(a: SimSwapSignal, b: SimSwapSignal): boolean {
  return (
    (a.lastSwapAt?.getTime() ?? null) === (b.lastSwapAt?.getTime() ?? null) &&
    a.monitoredPeriodHours === b.monitoredPeriodHours
  );
}

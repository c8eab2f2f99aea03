import type { SimSwapSignal } from '@sentinel/engine';
import type { ProviderSuccess } from './sim-swap-provider.ts';

/** The stored signal for a provider's answer about `phoneNumber`. */
export function toSimSwapSignal(phoneNumber: string, result: ProviderSuccess): SimSwapSignal {
  return {
    phoneNumber,
    lastSwapAt: result.lastSwapAt,
    checkedAt: result.checkedAt,
    source: result.source,
    ...(result.monitoredPeriodHours === undefined
      ? {}
      : { monitoredPeriodHours: result.monitoredPeriodHours }),
  };
}

import type { SimSwapSignal } from '@sentinel/engine';

/**
 * The latest SIM swap signal per phone number: telco facts written by ingestion, shared by every
 * tenant (they are not bank data; a tenant only reaches one through its own customer's profile or
 * payment). The only port the telco code depends on.
 */
export interface SimSwapSignals {
  getSimSwapSignal(phoneNumber: string): Promise<SimSwapSignal | null>;
  putSimSwapSignal(signal: SimSwapSignal): Promise<void>;
}

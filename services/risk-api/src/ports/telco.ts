import type { SimSwapSignal } from '@sentinel/engine';

/**
 * A live SIM swap lookup for the hot path (telco's `createLiveSignalLookup`): one attempt within
 * `timeoutMs`, never a retry, never a rejection; null when the provider could not answer in time.
 * A successful lookup is also saved to the signal store in the background.
 */
export interface LiveSignal {
  lookupLive(phoneNumber: string, timeoutMs: number): Promise<SimSwapSignal | null>;
  /** Refresh in the background, with retries and jitter; returns at once. */
  queueRefresh(phoneNumber: string): void;
  drain(timeoutMs: number): Promise<void>;
}

/**
 * Keeps a customer's number watched by telco ingestion: polled every few minutes and, where the
 * operator offers it, subscribed to CAMARA SIM swap events.
 */
export interface NumberEnrollment {
  /** Resolves once the number is watched (what it resolves with is the adapter's business). */
  enroll(phoneNumber: string): Promise<unknown>;
  unenroll(phoneNumber: string): Promise<unknown>;
}

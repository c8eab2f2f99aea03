import type { ProviderFailureReason } from '../providers/sim-swap-provider.ts';

/** The last failure recorded for a watched number. */
export interface PollError {
  readonly reason: ProviderFailureReason | 'STORE';
  /** Status and code, never the number or a token. */
  readonly detail: string;
  readonly at: Date;
}

/** A number the poller keeps fresh, with its polling health. */
export interface WatchedNumber {
  readonly phoneNumber: string;
  readonly watchedSince: Date;
  /** Last poll that got an answer. */
  readonly lastSuccessAt?: Date;
  /** Failures since the last success. */
  readonly consecutiveFailures: number;
  /** Failures since the number was first watched. */
  readonly failureCount: number;
  readonly lastError?: PollError;
}

/**
 * The numbers whose SIM swap signal Sentinel keeps fresh (customers' numbers, added at onboarding)
 * and how polling them went. Firestore `watchedNumbers/{E.164}` and an in-memory adapter, one
 * contract suite (contract/watched-numbers.contract.ts).
 */
export interface WatchedNumbers {
  /** Starts watching; watching a watched number keeps its history. */
  watch(phoneNumber: string, at: Date): Promise<void>;
  unwatch(phoneNumber: string): Promise<void>;
  get(phoneNumber: string): Promise<WatchedNumber | null>;
  /** Every watched number once, streamed in pages (order unspecified). */
  list(): AsyncIterable<string>;
  /** Resets the failure streak. A number unwatched meanwhile stays unwatched. */
  recordSuccess(phoneNumber: string, at: Date): Promise<void>;
  /** Counts a failure. A number unwatched meanwhile stays unwatched. */
  recordFailure(phoneNumber: string, error: PollError): Promise<void>;
}

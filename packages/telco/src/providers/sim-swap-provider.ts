/**
 * Why a provider could not say when the SIM was last swapped. Every one of them means "unknown",
 * never "not swapped":
 * - `UNAVAILABLE`: the provider is down, rate-limited or has no data for this number right now;
 * - `NOT_COVERED`: the provider does not serve this number (unknown identifier, country, service);
 * - `TIMEOUT`: no answer within the call's deadline;
 * - `CIRCUIT_OPEN`: not attempted, the provider's circuit breaker is open;
 * - `ERROR`: our side is wrong (credentials, scopes, an answer we cannot read).
 */
export const PROVIDER_FAILURE_REASONS = [
  'UNAVAILABLE',
  'NOT_COVERED',
  'TIMEOUT',
  'CIRCUIT_OPEN',
  'ERROR',
] as const;
export type ProviderFailureReason = (typeof PROVIDER_FAILURE_REASONS)[number];

/** The provider answered: the latest SIM change it knows of, or none within its window. */
export interface ProviderSuccess {
  readonly ok: true;
  /** Id of the provider that answered (a router reports the provider it routed to). */
  readonly source: string;
  /** Latest SIM change; null = none within `monitoredPeriodHours` (the operator's window). */
  readonly lastSwapAt: Date | null;
  readonly monitoredPeriodHours?: number;
  /** When the answer arrived. */
  readonly checkedAt: Date;
  readonly reason?: never;
}

/** The provider did not answer usefully. Expected outcomes, so data rather than exceptions. */
export interface ProviderFailure {
  readonly ok: false;
  readonly reason: ProviderFailureReason;
  /** For logs: status, code, provider error number. Never the phone number or a token. */
  readonly detail: string;
  /** False when asking again cannot help (Twilio 60620: "do not retry"). Default: by reason. */
  readonly retryable?: boolean;
  readonly lastSwapAt?: never;
}

export type ProviderResult = ProviderSuccess | ProviderFailure;

export interface LookupOptions {
  /** Cancels the call; providers stop their HTTP request when it fires. */
  readonly signal?: AbortSignal;
  /** The call's own deadline. The `withHardTimeout` wrapper enforces it from outside as well. */
  readonly timeoutMs: number;
}

/**
 * The port every SIM swap source implements: CAMARA operators, Twilio Lookup, the simulator, and
 * the wrappers (timeout, circuit breaker, retries, routing table) that compose them. `lookup`
 * resolves with a `ProviderResult` and does not reject for expected failures.
 */
export interface SimSwapProvider {
  readonly id: string;
  lookup(phoneNumber: string, opts: LookupOptions): Promise<ProviderResult>;
}

export function providerFailure(
  reason: ProviderFailureReason,
  detail: string,
  retryable?: boolean,
): ProviderFailure {
  return retryable === undefined
    ? { ok: false, reason, detail }
    : { ok: false, reason, detail, retryable };
}

/** Retrying helps only when the provider may answer next time. */
export function isRetryable(result: ProviderFailure): boolean {
  if (result.retryable !== undefined) {
    return result.retryable;
  }
  return result.reason === 'UNAVAILABLE' || result.reason === 'TIMEOUT';
}

/** CAMARA `PhoneNumber` (E.164 with a leading +), the identifier every provider takes. */
export const E164 = /^\+[1-9][0-9]{4,14}$/;

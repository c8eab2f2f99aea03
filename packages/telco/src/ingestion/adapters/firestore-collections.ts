/** Firestore layout of the telco ingestion (the signals themselves are the risk-api's). */
export const TELCO_COLLECTIONS = {
  /** `watchedNumbers/{E.164}`: numbers the poller refreshes, with their polling health. */
  watchedNumbers: 'watchedNumbers',
  /** `camaraEvents/{sha256(source, id)}`: CloudEvents processed by the webhook. */
  camaraEvents: 'camaraEvents',
  /** `camaraSubscriptionRefs/{E.164}`: our CAMARA subscription per number. */
  camaraSubscriptionRefs: 'camaraSubscriptionRefs',
} as const;

/** gRPC status codes the adapters act on. */
export const GRPC = { NOT_FOUND: 5, ALREADY_EXISTS: 6 } as const;

export function grpcCode(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code;
}

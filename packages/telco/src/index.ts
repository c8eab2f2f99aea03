// Public surface of @sentinel/telco: SIM swap providers behind one port, the hot-path lookup the
// risk-api uses, and the ingestion pieces (poller, CAMARA subscription webhook, subscriptions).
//
// ── Hot path (risk-api) ───────────────────────────────────────────────────────────────────────
// Build once in the composition root, next to the SIM swap signals store:
//
//   const providers = loadProviderConfig(process.env);          // lists every problem, or config
//   const provider = buildSimSwapProvider(providers.config, { clock, logger });
//   const live = createLiveSignalLookup({ provider, store: state, clock, logger });
//
// Per payment, when the stored signal is not FRESH:
//
//   const signal = await live.lookupLive(phoneNumber, remainingBudgetMs);
//   // SimSwapSignal (checkedAt = clock.now(), so FRESH; also saved in the background)
//   // or null (provider failed, timed out, not covered, circuit open): the signal is STALE or
//   // UNAVAILABLE → STEP_UP + escrow HELD, and then:
//   live.queueRefresh(phoneNumber);                              // returns at once; deduplicated
//
// `lookupLive` makes one attempt, never retries, never rejects, and settles within its budget
// (≤ 0 ms: null without a call). Retries with jitter happen only in `queueRefresh` and the
// poller. On shutdown: `await live.drain(ms)`.
//
// ── Onboarding (risk-api, PUT/DELETE /v1/users/{id}) ──────────────────────────────────────────
//   const enrollment = createNumberEnrollment({ watched, subscriptions, clock });
//   await enrollment.enroll(phoneNumber);   // watchedNumbers/{e164} + CAMARA subscription
//   await enrollment.unenroll(phoneNumber);
// or take `composeIngestion(...).enrollment`, which wires the same from the environment.
//
// ── Ingestion ─────────────────────────────────────────────────────────────────────────────────
// main-ingestion.ts registers two functions-framework HTTP targets: `pollSimSwaps` (Cloud
// Scheduler, every 5 min) and `camaraWebhook` (the subscriptions sink). The webhook is a fetch
// handler, so it also mounts in Hono:  app.post('/camara/webhook', (c) => webhook(c.req.raw)).

// The port and its results
export {
  E164,
  PROVIDER_FAILURE_REASONS,
  type LookupOptions,
  type ProviderFailure,
  type ProviderFailureReason,
  type ProviderResult,
  type ProviderSuccess,
  type SimSwapProvider,
} from './providers/sim-swap-provider.ts';
export { maskPhoneNumber } from './providers/mask-phone-number.ts';

// Hot path
export {
  createLiveSignalLookup,
  type LiveSignalLookup,
  type LiveSignalLookupOptions,
} from './providers/live-signal-lookup.ts';

// Providers, configuration and composition
export {
  loadProviderConfig,
  type ProviderConfig,
  type ProviderConfigResult,
  type ProviderSpec,
} from './providers/provider-config.ts';
export { buildSimSwapProvider } from './providers/build-sim-swap-provider.ts';
export {
  camaraSimSwapProvider,
  RETRIEVE_DATE_SCOPE,
} from './providers/camara/camara-sim-swap-provider.ts';
export {
  staticTokenSource,
  type AccessTokenSource,
} from './providers/camara/access-token-source.ts';
export { clientCredentialsTokenSource } from './providers/camara/client-credentials-token-source.ts';
export {
  camaraSubscriptionsClient,
  SUBSCRIPTION_SCOPES,
  type CamaraSubscriptionsClient,
} from './providers/camara/camara-subscriptions-client.ts';
export { twilioSimSwapProvider } from './providers/twilio/twilio-sim-swap-provider.ts';

// Resilience and routing
export { withHardTimeout } from './providers/resilience/with-hard-timeout.ts';
export {
  createCircuitBreaker,
  type CircuitBreaker,
  type CircuitState,
} from './providers/resilience/circuit-breaker.ts';
export { withCircuitBreaker } from './providers/resilience/with-circuit-breaker.ts';
export { withRetries, type RetryOptions } from './providers/resilience/with-retries.ts';
export {
  createRoutingProvider,
  type RoutingProvider,
} from './providers/routing/routing-provider.ts';
export { parseRoutingTable, type RoutingTable } from './providers/routing/routing-table.ts';

// Ingestion: poller
export {
  pollWatchedNumbers,
  type PollOptions,
  type PollReport,
} from './ingestion/poll-watched-numbers.ts';
export type { PollError, WatchedNumber, WatchedNumbers } from './ingestion/watched-numbers.ts';
export { FirestoreWatchedNumbers } from './ingestion/adapters/firestore-watched-numbers.ts';
export { MemoryWatchedNumbers } from './ingestion/adapters/memory-watched-numbers.ts';

// Ingestion: CAMARA subscription webhook and subscriptions
export {
  createCamaraWebhookHandler,
  SUBSCRIPTION_SIGNAL_SOURCE,
  type CamaraWebhookDeps,
  type WebhookHandler,
} from './ingestion/camara-webhook.ts';
export { SUBSCRIPTION_ENDED, SWAPPED, type TerminationReason } from './ingestion/cloud-event.ts';
export { cloudEventKey, type ClaimOutcome, type EventLedger } from './ingestion/event-ledger.ts';
export { FirestoreEventLedger } from './ingestion/adapters/firestore-event-ledger.ts';
export { MemoryEventLedger } from './ingestion/adapters/memory-event-ledger.ts';
export type { SubscriptionRef, SubscriptionRefs } from './ingestion/subscription-refs.ts';
export { FirestoreSubscriptionRefs } from './ingestion/adapters/firestore-subscription-refs.ts';
export { MemorySubscriptionRefs } from './ingestion/adapters/memory-subscription-refs.ts';
export {
  createSubscriptionManager,
  type SubscribeResult,
  type SubscriptionManager,
} from './ingestion/subscription-manager.ts';
export { createNumberEnrollment, type NumberEnrollment } from './ingestion/number-enrollment.ts';
export { TELCO_COLLECTIONS } from './ingestion/adapters/firestore-collections.ts';

// Ingestion: composition and functions-framework wiring
export {
  loadIngestionConfig,
  readIngestionConfig,
  type IngestionConfig,
  type IngestionConfigResult,
} from './ingestion/ingestion-config.ts';
export { composeIngestion, type Ingestion } from './ingestion/compose-ingestion.ts';
export { FUNCTION_TARGETS, registerIngestionFunctions } from './ingestion/register-functions.ts';
export { toFunctionsHandler } from './ingestion/functions-handler.ts';

import { Firestore } from '@google-cloud/firestore';
import {
  FirestoreRiskStateStore,
  firestoreSettings,
  MemoryRiskStateStore,
  type SimSwapSignals,
} from '@sentinel/store';
import { buildSimSwapProvider, tokenSourceFor } from '../providers/build-sim-swap-provider.ts';
import { camaraSubscriptionsClient } from '../providers/camara/camara-subscriptions-client.ts';
import type { Clock } from '@sentinel/kernel';
import type { Logger } from '@sentinel/kernel';
import type { SimSwapProvider } from '../providers/sim-swap-provider.ts';
import { FirestoreEventLedger } from './adapters/firestore-event-ledger.ts';
import { FirestoreSubscriptionRefs } from './adapters/firestore-subscription-refs.ts';
import { FirestoreWatchedNumbers } from './adapters/firestore-watched-numbers.ts';
import { MemoryEventLedger } from './adapters/memory-event-ledger.ts';
import { MemorySubscriptionRefs } from './adapters/memory-subscription-refs.ts';
import { MemoryWatchedNumbers } from './adapters/memory-watched-numbers.ts';
import { createCamaraWebhookHandler, type WebhookHandler } from './camara-webhook.ts';
import type { EventLedger } from './event-ledger.ts';
import type { IngestionConfig } from './ingestion-config.ts';
import { createNumberEnrollment, type NumberEnrollment } from './number-enrollment.ts';
import { pollWatchedNumbers, type PollReport } from './poll-watched-numbers.ts';
import { createSubscriptionManager, type SubscriptionManager } from './subscription-manager.ts';
import type { SubscriptionRefs } from './subscription-refs.ts';
import type { WatchedNumbers } from './watched-numbers.ts';

/** Everything the ingestion functions run on, built once per process. */
export interface Ingestion {
  readonly provider: SimSwapProvider;
  readonly store: SimSwapSignals;
  readonly watched: WatchedNumbers;
  readonly refs: SubscriptionRefs;
  readonly ledger: EventLedger;
  readonly subscriptions: SubscriptionManager | null;
  readonly enrollment: NumberEnrollment;
  /** The CAMARA subscription listener (fetch-style; Hono: `c => webhook(c.req.raw)`). */
  readonly webhook: WebhookHandler;
  /** One pass over every watched number with the configured limits. */
  poll(signal?: AbortSignal): Promise<PollReport>;
  close(): Promise<void>;
}

interface Stores {
  readonly store: SimSwapSignals;
  readonly watched: WatchedNumbers;
  readonly refs: SubscriptionRefs;
  readonly ledger: EventLedger;
  close(): Promise<void>;
}

function buildStores(config: IngestionConfig, db?: Firestore): Stores {
  if (config.store === 'memory') {
    return {
      store: new MemoryRiskStateStore(),
      watched: new MemoryWatchedNumbers(),
      refs: new MemorySubscriptionRefs(),
      ledger: new MemoryEventLedger(),
      close: () => Promise.resolve(),
    };
  }
  const firestore =
    db ??
    new Firestore({
      ...firestoreSettings({ projectId: config.projectId }),
      ignoreUndefinedProperties: true,
    });
  return {
    store: new FirestoreRiskStateStore(firestore),
    watched: new FirestoreWatchedNumbers(firestore),
    refs: new FirestoreSubscriptionRefs(firestore),
    ledger: new FirestoreEventLedger(firestore),
    // A Firestore handed in belongs to the caller.
    close: () => (db === undefined ? firestore.terminate() : Promise.resolve()),
  };
}

/** The ingestion's composition: config → adapters → poller, webhook, subscriptions. */
export function composeIngestion(
  config: IngestionConfig,
  deps: { readonly clock: Clock; readonly logger: Logger; readonly db?: Firestore },
): Ingestion {
  const { clock, logger } = deps;
  const stores = buildStores(config, deps.db);
  const provider = buildSimSwapProvider(config.providers, { clock, logger });
  const subscriptions = subscriptionManager(config, stores.refs, clock, logger);
  const webhook = createCamaraWebhookHandler({
    store: stores.store,
    ledger: stores.ledger,
    refs: stores.refs,
    sinkTokens: config.webhook.sinkTokens,
    resubscribe: (phoneNumber, ended) =>
      subscriptions === null ? Promise.resolve() : subscriptions.resubscribe(phoneNumber, ended),
    clock,
    logger,
  });
  const { poll } = config;
  return {
    provider,
    ...stores,
    subscriptions,
    enrollment: createNumberEnrollment({ watched: stores.watched, subscriptions, clock }),
    webhook,
    poll: (signal) =>
      pollWatchedNumbers({
        numbers: stores.watched.list(),
        provider,
        store: stores.store,
        watched: stores.watched,
        concurrency: poll.concurrency,
        ratePerSecond: poll.ratePerSecond,
        attemptTimeoutMs: poll.attemptTimeoutMs,
        maxDurationMs: poll.maxDurationMs,
        retry: { maxAttempts: poll.maxAttempts, baseDelayMs: 250, maxDelayMs: 4_000 },
        clock,
        logger,
        ...(signal === undefined ? {} : { signal }),
      }),
    close: () => stores.close(),
  };
}

function subscriptionManager(
  config: IngestionConfig,
  refs: SubscriptionRefs,
  clock: Clock,
  logger: Logger,
): SubscriptionManager | null {
  const settings = config.subscriptions;
  const spec = config.providers.providers.find((p) => p.id === settings?.providerId);
  if (settings === null || spec?.kind !== 'camara') {
    return null;
  }
  return createSubscriptionManager({
    client: camaraSubscriptionsClient({
      baseUrl: settings.baseUrl,
      tokens: tokenSourceFor(spec.auth, clock, `${spec.id} subscriptions`),
      clock,
    }),
    refs,
    sinkUrl: settings.sinkUrl,
    sinkToken: config.webhook.sinkTokens[0],
    sinkTokenTtlMs: settings.sinkTokenTtlMs,
    clock,
    logger,
  });
}

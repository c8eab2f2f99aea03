import type { Firestore } from '@google-cloud/firestore';
import type { PubSub } from '@google-cloud/pubsub';
import { systemClock, type Clock, type Logger } from '@sentinel/kernel';
import { FirestoreDecisionLog, FirestoreEscrows, FirestoreRiskStateStore } from '@sentinel/store';
import { PubSubDeadLetters, PubSubEscrowEventPublisher } from './adapters/pubsub.ts';
import { webhookPort } from './adapters/webhook-port.ts';
import { createEscrowService } from './app/escrow-service.ts';
import type { EscrowConfig } from './config.ts';
import { createEscrowApp } from './http/app.ts';
import type { WebhookEndpoints } from './webhooks/endpoints.ts';

const PUBLISH_TIMEOUT_MS = 5_000;
const READY_TIMEOUT_MS = 2_000;

/**
 * One escrow instance from config and clients: the service, its HTTP app and the dead-letter
 * sink. The same composition serves the Cloud Run functions (main.ts) and `npm start`
 * (main-local.ts); tests pass a fixed `random` and a test clock.
 */
export function composeEscrow(
  config: EscrowConfig,
  deps: {
    readonly db: Firestore;
    readonly pubsub: PubSub;
    readonly endpoints: WebhookEndpoints;
    readonly clock: Clock;
    readonly logger: Logger;
    readonly random?: () => number;
    readonly fetch?: typeof fetch;
    readonly version?: string;
  },
) {
  const { db, pubsub, clock, logger } = deps;
  const signals = new FirestoreRiskStateStore(db);
  const service = createEscrowService({
    store: new FirestoreEscrows(db),
    log: new FirestoreDecisionLog(db),
    signals,
    publisher: new PubSubEscrowEventPublisher(pubsub, {
      topic: config.eventsTopic,
      timeoutMs: PUBLISH_TIMEOUT_MS,
      clock,
    }),
    webhooks: webhookPort(deps.endpoints, {
      timeoutMs: config.webhookTimeoutMs,
      random: deps.random ?? Math.random,
      signingClock: systemClock,
      ...(deps.fetch === undefined ? {} : { fetch: deps.fetch }),
    }),
    clock,
    logger,
  });
  const app = createEscrowApp({
    service,
    keys: config.keys,
    sweepToken: config.sweepToken,
    ready: () => signals.ping({ timeoutMs: READY_TIMEOUT_MS }),
    logger,
    version: deps.version ?? process.env['K_REVISION'] ?? 'local',
  });
  return {
    service,
    app,
    deadLetters: new PubSubDeadLetters(pubsub, config.deadLetterTopic),
  };
}

export type ComposedEscrow = ReturnType<typeof composeEscrow>;

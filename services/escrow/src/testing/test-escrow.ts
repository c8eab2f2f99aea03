import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Firestore } from '@google-cloud/firestore';
import * as ff from '@google-cloud/functions-framework';
import type { PubSub } from '@google-cloud/pubsub';
import { ESCROW_EVENT_AVSC_PATH } from '@sentinel/contracts';
import { createLogger, type Clock } from '@sentinel/kernel';
import { ensureEscrowTopics } from '../adapters/pubsub.ts';
import { composeEscrow, type ComposedEscrow } from '../compose.ts';
import { loadEscrowConfig } from '../config.ts';
import { registerEscrowFunctions } from '../functions.ts';
import { EVENT_PATHS, escrowFunctionsServer } from '../local-server.ts';
import { ensurePushSubscription } from '../push-subscriptions.ts';
import { parseWebhookEndpoints } from '../webhooks/endpoints.ts';

export const ESCROW_TEST_KEYS = {
  client: 'bank-escrow-key-0001',
  admin: 'bank-escrow-admin-0001',
  otherClient: 'other-escrow-key-0002',
} as const;
export const ESCROW_TEST_TENANT = 'bank';
export const ESCROW_TEST_SWEEP_TOKEN = 'test-escrow-sweep-token-0123456789';

export interface TestEscrow extends ComposedEscrow {
  readonly baseUrl: string;
  /** A JSON call with a key (the tenant's client key unless given). */
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the body type
  call<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    key?: string,
  ): Promise<{ status: number; body: T; contentType: string | null }>;
  close(): Promise<void>;
}

/** Tests must not print: what the escrow logs is kept in `escrowTestLogs`. */
export const escrowTestLogs: Record<string, unknown>[] = [];
function quietLogger() {
  return createLogger({
    level: 'warn',
    service: 'escrow-test',
    write: (line) => escrowTestLogs.push(JSON.parse(line) as Record<string, unknown>),
  });
}

/** `escrow-events` with its schema and `escrow-dead-letters`, under their default names. */
export function ensureTestEscrowTopics(pubsub: PubSub): Promise<void> {
  return ensureEscrowTopics(pubsub, {
    topic: 'escrow-events',
    schemaId: 'escrow-event',
    avscPath: ESCROW_EVENT_AVSC_PATH,
    deadLetterTopic: 'escrow-dead-letters',
  });
}

export interface TestEscrowOptions {
  readonly db: Firestore;
  readonly pubsub: PubSub;
  readonly projectId: string;
  readonly clock: Clock;
  /** ESCROW_WEBHOOKS. */
  readonly webhooks?: string;
  readonly random?: () => number;
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * An escrow composed as in production (compose.ts) on the caller's clients and clock, with the
 * test keys: another instance of the same escrow, as a second Cloud Run instance would be.
 */
export function composeTestEscrow(opts: TestEscrowOptions): ComposedEscrow {
  const loaded = loadEscrowConfig({
    SENTINEL_STORE: 'firestore',
    GOOGLE_CLOUD_PROJECT: opts.projectId,
    SENTINEL_API_KEYS: `${ESCROW_TEST_TENANT}:${ESCROW_TEST_KEYS.client},other:${ESCROW_TEST_KEYS.otherClient}`,
    SENTINEL_ADMIN_KEYS: `${ESCROW_TEST_TENANT}:${ESCROW_TEST_KEYS.admin}`,
    ESCROW_SWEEP_TOKEN: ESCROW_TEST_SWEEP_TOKEN,
    ESCROW_WEBHOOK_TIMEOUT_MS: '2000',
    LOG_LEVEL: 'error',
    ...(opts.webhooks === undefined ? {} : { ESCROW_WEBHOOKS: opts.webhooks }),
    ...opts.env,
  });
  if (!loaded.ok) {
    throw new Error(`test escrow config: ${loaded.issues.join('; ')}`);
  }
  const endpoints = parseWebhookEndpoints(loaded.config.webhooksJson ?? '{}');
  if (!endpoints.ok) {
    throw new Error(`test escrow webhooks: ${endpoints.issues.join('; ')}`);
  }
  return composeEscrow(loaded.config, {
    db: opts.db,
    pubsub: opts.pubsub,
    endpoints: endpoints.endpoints,
    clock: opts.clock,
    logger: quietLogger(),
    random: opts.random ?? (() => 0.5),
    version: 'test',
  });
}

/**
 * One escrow on loopback, its three functions registered with functions-framework and served
 * by `escrowFunctionsServer` (functions-framework's own servers), on the caller's Firestore and
 * Pub/Sub clients. With `push`, the emulator's push subscriptions on the two topics point at it,
 * as `npm start` makes them. Register once per test file: functions-framework's registry is
 * per process.
 */
export async function startTestEscrow(
  opts: TestEscrowOptions & {
    readonly push?: {
      readonly decisionsTopic: string;
      readonly outcomesTopic: string;
      /** Subscription names: unique per test file. */
      readonly prefix: string;
    };
  },
): Promise<TestEscrow> {
  const escrow = composeTestEscrow(opts);
  await ensureTestEscrowTopics(opts.pubsub);
  const logger = quietLogger();
  registerEscrowFunctions(ff, {
    service: escrow.service,
    fetch: escrow.app.fetch,
    deadLetters: escrow.deadLetters,
    logger,
  });
  const server: Server = escrowFunctionsServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (opts.push !== undefined) {
    const { decisionsTopic, outcomesTopic, prefix } = opts.push;
    const project = opts.projectId;
    await ensurePushSubscription(opts.pubsub, {
      topic: decisionsTopic,
      subscription: `${prefix}-escrow-decisions`,
      pushEndpoint: `${baseUrl}${EVENT_PATHS.decisions}/projects/${project}/topics/${decisionsTopic}`,
      filter: 'attributes.escrowHeld = "true"',
    });
    await ensurePushSubscription(opts.pubsub, {
      topic: outcomesTopic,
      subscription: `${prefix}-escrow-outcomes`,
      pushEndpoint: `${baseUrl}${EVENT_PATHS.outcomes}/projects/${project}/topics/${outcomesTopic}`,
    });
  }
  return {
    ...escrow,
    baseUrl,
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- as above
    async call<T>(
      method: string,
      path: string,
      body?: unknown,
      key: string = ESCROW_TEST_KEYS.client,
    ) {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return {
        status: res.status,
        body: (text === '' ? null : JSON.parse(text)) as T,
        contentType: res.headers.get('content-type'),
      };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}

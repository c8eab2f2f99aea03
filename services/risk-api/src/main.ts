// Composition root of the risk-api: config → adapters → service → HTTP server.
import { PubSubOutcomePublisher, ensureAvroTopic } from '@sentinel/pubsub';
import { CONSOLE_DIST_DIR, loadConsoleAssets } from '@sentinel/console';
import { Firestore } from '@google-cloud/firestore';
import { serve } from '@hono/node-server';
import { MemoryDecisionEventPublisher } from './adapters/memory/memory-decision-event-publisher.ts';
import { MemoryDecisionLog } from '@sentinel/store';
import { MemoryPolicyStores } from '@sentinel/store';
import { MemoryRiskStateStore } from '@sentinel/store';
import { firestoreSettings } from '@sentinel/store';
import { FirestoreDecisionLog } from '@sentinel/store';
import { FirestorePolicyStores } from '@sentinel/store';
import { FirestoreRiskStateStore } from '@sentinel/store';
import { DECISION_AVSC_PATH } from '@sentinel/contracts';
import { PubSubDecisionEventPublisher } from './adapters/pubsub/pubsub-decision-event-publisher.ts';
import { MemoryOutcomeEventPublisher } from './adapters/memory/memory-outcome-event-publisher.ts';
import { FirestoreReportedOutcomes, MemoryReportedOutcomes } from '@sentinel/store';
import { ESCROW_EVENT_AVSC_PATH, OUTCOME_AVSC_PATH } from '@sentinel/contracts';
import { randomUUID } from 'node:crypto';
import { memoryFeedSource } from './console/feed-source.ts';
import { pubsubFeedSource } from './console/pubsub-feed-source.ts';
import { isSupervisor, superviseWorkers } from './workers.ts';
import { composeRiskApi, type Adapters } from './compose.ts';
import { loadConfig, type Config } from './config.ts';
import { composeIngestion, createLiveSignalLookup, loadIngestionConfig } from '@sentinel/telco';
import {
  countBufferMemoryInHeapLimit,
  exitOnSignals,
  rememberPackageResolutions,
  systemClock,
} from '@sentinel/kernel';
import { unlessDeadline, withDeadline } from '@sentinel/kernel';
import { createLogger, type Logger } from '@sentinel/kernel';

// Cloud Run sends SIGTERM about 10 s before SIGKILL: drain within that.
const SHUTDOWN_GRACE_MS = 8_000;
const CLOSE_TIMEOUT_MS = 2_000;

async function buildAdapters(
  config: Config,
  logger: Logger,
): Promise<Adapters & { readonly db?: Firestore; close(): Promise<void> }> {
  if (config.store === 'memory') {
    const publisher = new MemoryDecisionEventPublisher({ logger });
    const outcomePublisher = new MemoryOutcomeEventPublisher();
    return {
      state: new MemoryRiskStateStore(),
      log: new MemoryDecisionLog({ maxDecisions: config.memoryMaxDecisions }),
      policyStores: new MemoryPolicyStores(),
      publisher,
      outcomes: new MemoryReportedOutcomes(),
      outcomePublisher,
      ...(config.console.feed
        ? { consoleFeed: memoryFeedSource({ decisions: publisher, outcomes: outcomePublisher }) }
        : {}),
      close: () => Promise.resolve(),
    };
  }
  const db = new Firestore({
    ...firestoreSettings({ projectId: config.projectId }),
    ignoreUndefinedProperties: true,
  });
  // Loaded only here: in memory the process never needs the Pub/Sub client (about 0.2 s of a cold
  // start), and a static import would load it in the esbuild bundle too.
  const { PubSub } = await import('@google-cloud/pubsub');
  const pubsub = new PubSub({ projectId: config.projectId });
  if (config.ensureTopic) {
    await ensureAvroTopic(pubsub, {
      topic: config.decisionsTopic,
      schemaId: config.decisionsSchemaId,
      avscPath: DECISION_AVSC_PATH,
    });
    // The auth service creates the same schema and topic; whichever starts first does.
    await ensureAvroTopic(pubsub, {
      topic: config.outcomesTopic,
      schemaId: config.outcomesSchemaId,
      avscPath: OUTCOME_AVSC_PATH,
    });
    if (config.console.feed) {
      // The escrow creates it too; the analyst's feed subscribes to it at start.
      await ensureAvroTopic(pubsub, {
        topic: config.console.escrowEventsTopic,
        schemaId: 'escrow-event',
        avscPath: ESCROW_EVENT_AVSC_PATH,
      });
    }
  }
  return {
    db,
    state: new FirestoreRiskStateStore(db, { documentForm: config.documentForm }),
    log: new FirestoreDecisionLog(db, { documentForm: config.documentForm }),
    policyStores: new FirestorePolicyStores(db),
    outcomes: new FirestoreReportedOutcomes(db),
    outcomePublisher: new PubSubOutcomePublisher(pubsub, {
      topic: config.outcomesTopic,
      timeoutMs: config.publishTimeoutMs,
      clock: systemClock,
    }),
    publisher: new PubSubDecisionEventPublisher(pubsub, {
      topic: config.decisionsTopic,
      timeoutMs: config.publishTimeoutMs,
    }),
    ...(config.console.feed
      ? {
          consoleFeed: pubsubFeedSource({
            pubsub,
            topics: {
              decisions: config.decisionsTopic,
              outcomes: config.outcomesTopic,
              escrow: config.console.escrowEventsTopic,
            },
            subscriptionPrefix: `console-feed-${randomUUID().slice(0, 13)}`,
            logger,
          }),
        }
      : {}),
    close: async () => {
      // terminate() waits for the client's own retries; during an outage that can be minutes.
      await withDeadline(() => Promise.all([pubsub.close(), db.terminate()]), {
        clock: systemClock,
        ms: CLOSE_TIMEOUT_MS,
        what: 'closing the clients',
      }).catch(unlessDeadline);
    },
  };
}

async function main(): Promise<void> {
  // Before the heap grows: buffers count toward its limit as on V8 14.8 (kernel's buffer-memory.ts).
  countBufferMemoryInHeapLimit();
  // The Firestore client resolves a module on every call it sends; resolved once instead (kernel's
  // package-resolution.ts).
  rememberPackageResolutions();
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(`risk-api: invalid configuration:\n  - ${loaded.issues.join('\n  - ')}\n`);
    process.exit(2);
  }
  const { config } = loaded;
  const logger = createLogger({
    level: config.logLevel,
    projectId: config.projectId,
    service: 'risk-api',
  });
  if (isSupervisor(config.workers)) {
    if (config.store === 'memory') {
      logger.warn('memory store with several workers: each worker has its own state', {
        workers: config.workers,
      });
    }
    superviseWorkers(config.workers, logger);
    return;
  }
  for (const name of config.insecureDefaults) {
    logger.warn(`${name} is not set: using an insecure local default`, { variable: name });
  }

  const base = await buildAdapters(config, logger);
  // Telco (SIM swap providers, number enrollment) reads its own TELCO_* settings; on the same
  // store as the risk-api so the signals it writes are the ones the hot path reads.
  const telco = loadIngestionConfig({ ...process.env, TELCO_STORE: config.store });
  if (!telco.ok) {
    process.stderr.write(
      `risk-api: invalid telco configuration:\n  - ${telco.issues.join('\n  - ')}\n`,
    );
    process.exit(2);
  }
  const ingestion = composeIngestion(telco.config, {
    clock: systemClock,
    logger,
    ...(base.db === undefined ? {} : { db: base.db }),
  });
  const adapters = {
    ...base,
    liveSignal: createLiveSignalLookup({
      provider: ingestion.provider,
      store: base.state,
      clock: systemClock,
      logger,
    }),
    enrollment: ingestion.enrollment,
  };
  const consoleAssets = config.console.enabled
    ? loadConsoleAssets(config.console.dir ?? CONSOLE_DIST_DIR)
    : undefined;
  if (consoleAssets === null) {
    logger.warn('console enabled but not built: run `npm run console:build`', {
      dir: config.console.dir ?? CONSOLE_DIST_DIR,
    });
  }
  const service = composeRiskApi(config, adapters, {
    logger,
    demo: config.demo,
    ...(consoleAssets === undefined ? {} : { consoleAssets }),
  });
  await service.start();
  await service.warmUp();
  const server = serve(
    { fetch: service.app.fetch, port: config.port, hostname: config.host },
    (info) => {
      logger.info('risk-api listening', {
        port: info.port,
        store: config.store,
        demo: config.demo,
      });
    },
  );

  // Open event streams (the analyst's feed) would hold the server's close until the grace ends.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => service.feed?.close());
  }
  exitOnSignals({
    server,
    close: async () => {
      await service.stop();
      await ingestion.close();
      await adapters.close();
    },
    graceMs: SHUTDOWN_GRACE_MS,
    logger,
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `risk-api failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});

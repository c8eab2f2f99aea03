// Composition root of the auth service: config → adapters → service → HTTP server.
import { PubSubOutcomePublisher, ensureAvroTopic } from '@sentinel/pubsub';
import { Firestore } from '@google-cloud/firestore';
import { PubSub } from '@google-cloud/pubsub';
import { serve } from '@hono/node-server';
import { OUTCOME_AVSC_PATH } from '@sentinel/contracts';
import {
  createLogger,
  exitOnSignals,
  rememberPackageResolutions,
  systemClock,
  unlessDeadline,
  withDeadline,
  type Logger,
} from '@sentinel/kernel';
import {
  FirestoreCustomerFactors,
  FirestorePolicyStores,
  FirestoreRiskStateStore,
  FirestoreStepUpChallenges,
  firestoreSettings,
  MemoryDecisionLog,
  MemoryPolicyStores,
  MemoryRiskStateStore,
} from '@sentinel/store';
import { MemoryOutcomePublisher } from './adapters/memory-outcome-publisher.ts';
import { twilioVerify } from './adapters/twilio-verify.ts';
import { composeAuth, type AuthAdapters } from './compose.ts';
import { loadConfig, type AuthConfig } from './config.ts';

// Cloud Run sends SIGTERM about 10 s before SIGKILL.
const SHUTDOWN_GRACE_MS = 8_000;
const CLOSE_TIMEOUT_MS = 2_000;
const READY_TIMEOUT_MS = 2_000;
const PUBLISH_TIMEOUT_MS = 2_000;

async function buildAdapters(
  config: AuthConfig,
  logger: Logger,
): Promise<AuthAdapters & { close(): Promise<void> }> {
  const codes = config.twilio === null ? null : twilioVerify(config.twilio);
  if (config.store === 'memory') {
    // Challenges are created by risk-api's commit: a separate in-memory risk-api process never
    // shares them with this one, so in memory mode no challenge is ever found (docs/step-up.md).
    const log = new MemoryDecisionLog();
    const state = new MemoryRiskStateStore();
    return {
      challenges: log.challenges,
      profiles: state,
      signals: state,
      policyStores: new MemoryPolicyStores(),
      publisher: new MemoryOutcomePublisher(),
      customerFactors: state.factors,
      codes,
      ready: () => Promise.resolve(),
      close: () => Promise.resolve(),
    };
  }
  const db = new Firestore({
    ...firestoreSettings({ projectId: config.projectId }),
    ignoreUndefinedProperties: true,
  });
  const pubsub = new PubSub({ projectId: config.projectId });
  if (config.ensureTopic) {
    await ensureAvroTopic(pubsub, {
      topic: config.outcomesTopic,
      schemaId: config.outcomesSchemaId,
      avscPath: OUTCOME_AVSC_PATH,
    });
  }
  const state = new FirestoreRiskStateStore(db);
  logger.debug('auth adapters on Firestore', { projectId: config.projectId });
  return {
    challenges: new FirestoreStepUpChallenges(db),
    profiles: state,
    signals: state,
    policyStores: new FirestorePolicyStores(db),
    publisher: new PubSubOutcomePublisher(pubsub, {
      topic: config.outcomesTopic,
      timeoutMs: PUBLISH_TIMEOUT_MS,
      clock: systemClock,
    }),
    customerFactors: new FirestoreCustomerFactors(db),
    codes,
    ready: () => state.ping({ timeoutMs: READY_TIMEOUT_MS }),
    close: async () => {
      await withDeadline(() => Promise.all([pubsub.close(), db.terminate()]), {
        clock: systemClock,
        ms: CLOSE_TIMEOUT_MS,
        what: 'closing the clients',
      }).catch(unlessDeadline);
    },
  };
}

async function main(): Promise<void> {
  // The Firestore client resolves a module on every call it sends; resolved once instead (kernel's
  // package-resolution.ts).
  rememberPackageResolutions();
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(`auth: invalid configuration:\n  - ${loaded.issues.join('\n  - ')}\n`);
    process.exit(2);
  }
  const { config } = loaded;
  const logger = createLogger({
    level: config.logLevel,
    projectId: config.projectId,
    service: 'auth',
  });
  for (const name of config.insecureDefaults) {
    logger.warn(`${name} is not set: using an insecure local default`, { variable: name });
  }
  if (config.twilio === null) {
    logger.warn('TWILIO_* not set: SMS and e-mail codes are unavailable');
  }
  const adapters = await buildAdapters(config, logger);
  const service = composeAuth(config, adapters, { logger });
  service.start();
  const server = serve(
    { fetch: service.app.fetch, port: config.port, hostname: config.host },
    (info) => {
      logger.info('auth listening', { port: info.port, store: config.store });
    },
  );
  exitOnSignals({
    server,
    close: async () => {
      await service.stop();
      await adapters.close();
    },
    graceMs: SHUTDOWN_GRACE_MS,
    logger,
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `auth failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});

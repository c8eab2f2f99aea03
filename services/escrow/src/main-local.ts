// The escrow for the local stack (npm start): the same composition and the same three
// functions-framework functions as on Cloud Run (main.ts), served together on one port (8082)
// by functions-framework's own servers behind a path prefix, with the emulator's push
// subscriptions pointed at them and the sweep on a timer instead of Cloud Scheduler.
//   /events/decisions/…  escrowOnDecision (push subscription escrow-decisions on risk-decisions)
//   /events/outcomes/…   escrowOnOutcome  (push subscription escrow-outcomes on risk-outcomes)
//   everything else      escrowApi (GET /v1/escrows…, /readyz, /docs)
import { Firestore } from '@google-cloud/firestore';
import * as ff from '@google-cloud/functions-framework';
import { PubSub } from '@google-cloud/pubsub';
import { ESCROW_EVENT_AVSC_PATH } from '@sentinel/contracts';
import {
  createLogger,
  envFields,
  every,
  exitOnSignals,
  rememberPackageResolutions,
  systemClock,
} from '@sentinel/kernel';
import { firestoreSettings } from '@sentinel/store';
import { ensureEscrowTopics } from './adapters/pubsub.ts';
import { composeEscrow } from './compose.ts';
import { loadEscrowConfig } from './config.ts';
import { registerEscrowFunctions } from './functions.ts';
import { EVENT_PATHS, escrowFunctionsServer } from './local-server.ts';
import { ensurePushSubscription } from './push-subscriptions.ts';
import { parseWebhookEndpoints } from './webhooks/endpoints.ts';

const loaded = loadEscrowConfig(process.env);
const endpoints = parseWebhookEndpoints(loaded.config?.webhooksJson ?? '{}');
const local = envFields(process.env);
const port = local.port('PORT', 8082, { allowAny: true });
const host = local.text('HOST', { fallback: '127.0.0.1' });
const sweepMs = local.int('ESCROW_SWEEP_MS', { min: 0, max: 3_600_000, fallback: 5_000 });
const decisionsTopic = local.text('SENTINEL_TOPIC', { fallback: 'risk-decisions' });
const outcomesTopic = local.text('SENTINEL_OUTCOMES_TOPIC', { fallback: 'risk-outcomes' });
if (!loaded.ok || !endpoints.ok || local.issues.length > 0) {
  const issues = [...(loaded.issues ?? []), ...(endpoints.issues ?? []), ...local.issues];
  process.stderr.write(`escrow: invalid configuration:\n  - ${issues.join('\n  - ')}\n`);
  process.exit(2);
}
const { config } = loaded;
const logger = createLogger({ level: config.logLevel, service: 'escrow' });
// The Firestore client resolves a module on every call it sends; resolved once instead (kernel's
// package-resolution.ts).
rememberPackageResolutions();
const db = new Firestore({
  ...firestoreSettings({ projectId: config.projectId }),
  ignoreUndefinedProperties: true,
});
const pubsub = new PubSub({ projectId: config.projectId });
const escrow = composeEscrow(config, {
  db,
  pubsub,
  endpoints: endpoints.endpoints,
  clock: systemClock,
  logger,
});
registerEscrowFunctions(ff, {
  service: escrow.service,
  fetch: escrow.app.fetch,
  deadLetters: escrow.deadLetters,
  logger,
});

const server = escrowFunctionsServer();

async function main(): Promise<void> {
  await ensureEscrowTopics(pubsub, {
    topic: config.eventsTopic,
    schemaId: config.eventsSchemaId,
    avscPath: ESCROW_EVENT_AVSC_PATH,
    deadLetterTopic: config.deadLetterTopic,
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const base = `http://${host}:${port}`;
  const project = config.projectId;
  await ensurePushSubscription(pubsub, {
    topic: decisionsTopic,
    subscription: 'escrow-decisions',
    pushEndpoint: `${base}${EVENT_PATHS.decisions}/projects/${project}/topics/${decisionsTopic}`,
    filter: 'attributes.escrowHeld = "true"',
  });
  await ensurePushSubscription(pubsub, {
    topic: outcomesTopic,
    subscription: 'escrow-outcomes',
    pushEndpoint: `${base}${EVENT_PATHS.outcomes}/projects/${project}/topics/${outcomesTopic}`,
  });
  logger.info('escrow listening', { port, sweepMs });
  const stopSweeps =
    sweepMs === 0
      ? () => undefined
      : every(systemClock, sweepMs, () => {
          escrow.service.sweep().catch((error: unknown) => logger.warn('sweep failed', { error }));
        });
  exitOnSignals({
    server,
    close: async () => {
      stopSweeps();
      await Promise.all([pubsub.close(), db.terminate()]);
    },
    graceMs: 5_000,
    logger,
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `escrow failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});

// Composition root of the escrow's Cloud Run functions (functions-framework, gen2). One source,
// three targets (docs/escrow.md):
//   functions-framework --source=services/escrow/src/main.ts --target=escrowApi
//   functions-framework --source=services/escrow/src/main.ts --target=escrowOnDecision --signature-type=cloudevent
//   functions-framework --source=services/escrow/src/main.ts --target=escrowOnOutcome --signature-type=cloudevent
import { Firestore } from '@google-cloud/firestore';
import * as ff from '@google-cloud/functions-framework';
import { PubSub } from '@google-cloud/pubsub';
import { createLogger, rememberPackageResolutions, systemClock } from '@sentinel/kernel';
import { firestoreSettings } from '@sentinel/store';
import { composeEscrow } from './compose.ts';
import { loadEscrowConfig } from './config.ts';
import { registerEscrowFunctions } from './functions.ts';
import { parseWebhookEndpoints } from './webhooks/endpoints.ts';

const loaded = loadEscrowConfig(process.env);
const endpoints = parseWebhookEndpoints(loaded.config?.webhooksJson ?? '{}');
if (!loaded.ok || !endpoints.ok) {
  const issues = [...(loaded.issues ?? []), ...(endpoints.issues ?? [])];
  process.stderr.write(`escrow: invalid configuration:\n  - ${issues.join('\n  - ')}\n`);
  process.exit(2);
}
const { config } = loaded;
const logger = createLogger({
  level: config.logLevel,
  projectId: config.projectId,
  service: 'escrow',
});
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

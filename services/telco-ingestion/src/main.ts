// Composition root of the telco ingestion functions (functions-framework, Cloud Run functions):
//   functions-framework --source=services/telco/src/main-ingestion.ts --target=pollSimSwaps
//   functions-framework --source=services/telco/src/main-ingestion.ts --target=camaraWebhook
import * as ff from '@google-cloud/functions-framework';
import { composeIngestion } from '@sentinel/telco';
import { loadIngestionConfig } from '@sentinel/telco';
import { registerIngestionFunctions } from '@sentinel/telco';
import { rememberPackageResolutions, systemClock } from '@sentinel/kernel';
import { createLogger } from '@sentinel/kernel';

// The Firestore client resolves a module on every call it sends; resolved once instead (kernel's
// package-resolution.ts).
rememberPackageResolutions();
const loaded = loadIngestionConfig(process.env);
if (!loaded.ok) {
  process.stderr.write(
    `telco ingestion: invalid configuration:\n  - ${loaded.issues.join('\n  - ')}\n`,
  );
  process.exit(2);
}
const { config } = loaded;
const logger = createLogger({ level: config.logLevel, service: 'telco-ingestion' });
for (const name of config.insecureDefaults) {
  logger.warn(`${name} is not set: using an insecure local default`, { variable: name });
}
registerIngestionFunctions(ff, composeIngestion(config, { clock: systemClock, logger }), logger);

// Composition root of the telco ingestion functions (functions-framework, Cloud Run functions):
//   functions-framework --source=services/telco/src/main-ingestion.ts --target=pollSimSwaps
//   functions-framework --source=services/telco/src/main-ingestion.ts --target=camaraWebhook
import * as ff from '@google-cloud/functions-framework';
import { composeIngestion } from './ingestion/compose-ingestion.ts';
import { loadIngestionConfig } from './ingestion/ingestion-config.ts';
import { registerIngestionFunctions } from './ingestion/register-functions.ts';
import { systemClock } from './providers/clock.ts';
import { jsonLogger } from './providers/logger.ts';

const loaded = loadIngestionConfig(process.env);
if (!loaded.ok) {
  process.stderr.write(
    `telco ingestion: invalid configuration:\n  - ${loaded.issues.join('\n  - ')}\n`,
  );
  process.exit(2);
}
const { config } = loaded;
const logger = jsonLogger({ level: config.logLevel, service: 'telco-ingestion' });
for (const name of config.insecureDefaults) {
  logger.warn(`${name} is not set: using an insecure local default`, { variable: name });
}
registerIngestionFunctions(ff, composeIngestion(config, { clock: systemClock, logger }), logger);

// Applies infra/bigquery to a BigQuery dataset: creates the dataset (BQ_LOCATION), the tables from
// <table>.json and the views from views/<view>.sql in dependency order; patches additive table
// changes, refuses any other, never drops. A second run makes no write.
//   GOOGLE_CLOUD_PROJECT=p [BQ_DATASET=sentinel] [BQ_LOCATION=africa-south1] npm run bq:migrate [-- --dry-run]
// Credentials: Application Default Credentials. BIGQUERY_EMULATOR_HOST points at a local stand-in
// (no credentials; the client library uses it verbatim as its base URL).
import { env, exit, stderr, stdout } from 'node:process';
import {
  bigQueryWarehouse,
  describeStep,
  loadMigrateConfig,
  loadWarehouseSource,
  migrateWarehouse,
} from '@sentinel/warehouse';
import { scriptArgs } from './script-args.ts';

const flags = scriptArgs(import.meta.url);
const unknown = flags.filter((flag) => flag !== '--dry-run');
if (unknown.length > 0) {
  stderr.write(
    `bq:migrate: unknown ${unknown.join(' ')}; usage: npm run bq:migrate [-- --dry-run]\n`,
  );
  exit(2);
}
const dryRun = flags.includes('--dry-run');
const loaded = loadMigrateConfig(env);
if (!loaded.ok) {
  stderr.write(`bq:migrate: ${loaded.issues.join('; ')}\n`);
  exit(2);
}
const { config } = loaded;
const result = await migrateWarehouse(
  bigQueryWarehouse(config),
  await loadWarehouseSource(),
  config,
  { dryRun },
);
const where = `${config.project}.${config.dataset} (${config.location})`;
if (!result.ok) {
  stderr.write(`bq:migrate: refused, nothing written to ${where}:\n`);
  for (const issue of result.issues) {
    stderr.write(`  - ${issue}\n`);
  }
  exit(1);
}
if (result.steps.length === 0) {
  stdout.write(`bq:migrate: ${where} is up to date; no change\n`);
} else {
  stdout.write(
    `bq:migrate: ${dryRun ? 'would make' : 'made'} ${String(result.steps.length)} change(s) to ${where}:\n`,
  );
  for (const step of result.steps) {
    stdout.write(`  ${describeStep(step)}\n`);
  }
}

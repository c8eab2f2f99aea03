// Rewrites infra/bigquery/<table>.json from the topics' Avro schemas (infra/pubsub/*.avsc):
//   npm run bq:schemas
// The unit test packages/contracts/src/bigquery/bigquery-table-files.test.ts fails when a
// committed file differs from what this writes.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  asAvroRecord,
  BIGQUERY_TABLE_FILES,
  bigQueryTable,
  tableFileText,
} from '@sentinel/contracts';
import { format, resolveConfig } from 'prettier';

for (const { spec, avsc, file } of BIGQUERY_TABLE_FILES) {
  const schema = asAvroRecord(JSON.parse(readFileSync(avsc, 'utf8')));
  const path = fileURLToPath(file);
  const options = (await resolveConfig(path)) ?? {};
  writeFileSync(
    path,
    await format(tableFileText(bigQueryTable(spec, schema)), { ...options, filepath: path }),
  );
  process.stdout.write(`wrote ${path}\n`);
}

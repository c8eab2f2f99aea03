import {
  DECISION_AVSC_PATH,
  ESCROW_EVENT_AVSC_PATH,
  OUTCOME_AVSC_PATH,
} from '../avro-schema-paths.ts';
import { BIGQUERY_TABLE_SPECS, type BigQueryTableSpec } from './bigquery-table.ts';

/** Where the generated table schemas live (infra/bigquery/<table>.json). */
export const BIGQUERY_SCHEMA_DIR = new URL('../../../../infra/bigquery/', import.meta.url);

/** Each table with the Avro schema it is generated from and the file it is written to. */
export const BIGQUERY_TABLE_FILES: readonly {
  readonly spec: BigQueryTableSpec;
  readonly avsc: URL;
  readonly file: URL;
}[] = [
  { spec: BIGQUERY_TABLE_SPECS.decisions, avsc: DECISION_AVSC_PATH },
  { spec: BIGQUERY_TABLE_SPECS.outcomes, avsc: OUTCOME_AVSC_PATH },
  { spec: BIGQUERY_TABLE_SPECS.escrowEvents, avsc: ESCROW_EVENT_AVSC_PATH },
].map((entry) => ({ ...entry, file: new URL(`${entry.spec.table}.json`, BIGQUERY_SCHEMA_DIR) }));

import { readFileSync } from 'node:fs';

/** The views of the shared contract, in dependency order (each reads only tables and earlier views). */
export const VIEW_NAMES = [
  'decisions_dedup',
  'outcomes_latest',
  'escrow_latest',
  'decisions_enriched',
  'kpi_daily',
  'action_mix_daily',
  'top_reasons_daily',
  'hold_outcomes_daily',
] as const;

export type ViewName = (typeof VIEW_NAMES)[number];

export const TABLE_NAMES = ['decisions', 'outcomes', 'escrow_events'] as const;

export type TableName = (typeof TABLE_NAMES)[number];

/** Where the views' BigQuery SQL lives (infra/bigquery/views, applied by `npm run bq:migrate`). */
export const VIEWS_DIR = new URL('../../../../infra/bigquery/views/', import.meta.url);

/** The BigQuery text of one view, exactly as committed. */
export function viewSql(name: ViewName): string {
  return readFileSync(new URL(`${name}.sql`, VIEWS_DIR), 'utf8');
}

/** The committed BigQuery table file (generated from the Avro schema, `npm run bq:schemas`). */
export function tableFile(name: TableName): { schema: { fields: BigQueryField[] } } {
  const url = new URL(`../../../../infra/bigquery/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as { schema: { fields: BigQueryField[] } };
}

export interface BigQueryField {
  name: string;
  type: string;
  mode?: string;
  fields?: BigQueryField[];
}

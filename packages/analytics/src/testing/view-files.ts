import { readFileSync } from 'node:fs';
import type { ViewName } from '../analytics-views.ts';

export { VIEW_NAMES, type ViewName } from '../analytics-views.ts';

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

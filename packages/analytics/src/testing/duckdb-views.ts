import { DuckDBInstance, DuckDBTypeId, type DuckDBConnection } from '@duckdb/node-api';
import { bigQueryToDuckDb, DUCKDB_PRELUDE } from './bigquery-to-duckdb.ts';
import type { TableRows } from './fixture.ts';
import {
  type BigQueryField,
  TABLE_NAMES,
  tableFile,
  VIEW_NAMES,
  type ViewName,
  viewSql,
} from './view-files.ts';

const SCHEMA = 'sentinel';

const SCALAR: Record<string, string> = {
  STRING: 'VARCHAR',
  INTEGER: 'BIGINT',
  FLOAT: 'DOUBLE',
  BOOLEAN: 'BOOLEAN',
  TIMESTAMP: 'TIMESTAMP',
  JSON: 'JSON',
};

/** The from_json structure of a BigQuery field: a DuckDB type name, a struct or a list of either. */
function structure(field: BigQueryField): unknown {
  const item =
    field.type === 'RECORD'
      ? Object.fromEntries((field.fields ?? []).map((f) => [f.name, structure(f)]))
      : SCALAR[field.type];
  if (item === undefined) {
    throw new Error(`no DuckDB type for BigQuery ${field.type}`);
  }
  return field.mode === 'REPEATED' ? [item] : item;
}

function columnType(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  if (Array.isArray(value)) {
    return `${columnType(value[0])}[]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  return `STRUCT(${entries.map(([k, v]) => `"${k}" ${columnType(v)}`).join(', ')})`;
}

/** An in-process DuckDB with the three tables (typed from the committed BigQuery table files),
 * the given rows and every view of infra/bigquery/views, translated by {@link bigQueryToDuckDb}. */
export async function duckDbWithViews(rows: TableRows): Promise<DuckDbViews> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  for (const statement of DUCKDB_PRELUDE) {
    await connection.run(statement);
  }
  await connection.run(`CREATE SCHEMA "${SCHEMA}"`);
  for (const table of TABLE_NAMES) {
    const fields = tableFile(table).schema.fields;
    const columns = fields.map((f) => `"${f.name}" ${columnType(structure(f))}`);
    await connection.run(`CREATE TABLE "${SCHEMA}"."${table}" (${columns.join(', ')})`);
    const shape = JSON.stringify([Object.fromEntries(fields.map((f) => [f.name, structure(f)]))]);
    await connection.run(
      `INSERT INTO "${SCHEMA}"."${table}" BY NAME
       SELECT unnest(row) FROM (SELECT unnest(from_json($rows::JSON, $shape)) AS row)`,
      { rows: JSON.stringify(rows[table]), shape },
    );
  }
  for (const view of VIEW_NAMES) {
    const sql = bigQueryToDuckDb(viewSql(view), SCHEMA);
    await connection.run(`CREATE VIEW "${SCHEMA}"."${view}" AS ${sql}`);
  }
  return new DuckDbViews(connection);
}

/** Reads views as plain rows: BIGINT → number, DATE → YYYY-MM-DD, TIMESTAMP → RFC 3339 text. */
export class DuckDbViews {
  readonly #connection: DuckDBConnection;

  constructor(connection: DuckDBConnection) {
    this.#connection = connection;
  }

  async query(sql: string): Promise<Record<string, unknown>[]> {
    const reader = await this.#connection.runAndReadAll(sql);
    const dates = new Set(
      reader.columnNames().filter((_, i) => reader.columnTypeId(i) === DuckDBTypeId.DATE),
    );
    return reader
      .getRowObjectsJS()
      .map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([key, value]) => [
            key,
            dates.has(key) && value instanceof Date
              ? value.toISOString().slice(0, 10)
              : plain(value),
          ]),
        ),
      );
  }

  /** Every row of a view, ordered by its first columns so a comparison is stable. */
  async view(name: ViewName, orderBy: readonly string[]): Promise<Record<string, unknown>[]> {
    const order = orderBy.map((column) => `"${column}"`).join(', ');
    return this.query(`SELECT * FROM "${SCHEMA}"."${name}" ORDER BY ${order}`);
  }

  close(): void {
    this.#connection.closeSync();
  }
}

function plain(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return Number(value);
  }
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (Array.isArray(value)) {
    return value.map(plain);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

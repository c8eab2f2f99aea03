import type { AnalyticsTables, DecisionRow, EscrowEventRow, OutcomeRow } from '../rows.ts';
import type { JsonRow, TableRows } from './fixture.ts';
import { type BigQueryField, type TableName, tableFile } from './view-files.ts';

/** The rows as the TypeScript KPIs take them: every TIMESTAMP column of the table a `Date`. */
export function analyticsTables(rows: TableRows): AnalyticsTables {
  return {
    decisions: typed('decisions', rows.decisions) as unknown as DecisionRow[],
    outcomes: typed('outcomes', rows.outcomes) as unknown as OutcomeRow[],
    escrow_events: typed('escrow_events', rows.escrow_events) as unknown as EscrowEventRow[],
  };
}

function typed(table: TableName, rows: readonly JsonRow[]): JsonRow[] {
  const timestamps = tableFile(table)
    .schema.fields.filter((f) => f.type === 'TIMESTAMP')
    .map((f) => f.name);
  return rows.map((row) => {
    const copy = { ...row };
    for (const name of timestamps) {
      const value = copy[name];
      if (typeof value === 'string') {
        copy[name] = new Date(value);
      }
    }
    return copy;
  });
}

/**
 * Where a JSON row differs from the table's shape: a column it lacks or the table lacks, a NULL
 * in a REQUIRED column, a value of the wrong JSON type. Empty when the row could be loaded as is.
 */
export function rowShapeIssues(table: TableName, row: JsonRow): string[] {
  return fieldIssues(tableFile(table).schema.fields, row, table);
}

function fieldIssues(fields: readonly BigQueryField[], row: JsonRow, path: string): string[] {
  const known = new Set(fields.map((f) => f.name));
  const unknown = Object.keys(row)
    .filter((name) => !known.has(name))
    .map((name) => `${path}.${name}: no such column`);
  return [...unknown, ...fields.flatMap((f) => valueIssues(f, row[f.name], `${path}.${f.name}`))];
}

function valueIssues(field: BigQueryField, value: unknown, path: string): string[] {
  if (value === undefined) {
    return [`${path}: missing`];
  }
  if (field.mode === 'REPEATED') {
    if (!Array.isArray(value)) {
      return [`${path}: not an array`];
    }
    return value.flatMap((item, i) =>
      valueIssues({ ...field, mode: 'REQUIRED' }, item, `${path}[${String(i)}]`),
    );
  }
  if (value === null) {
    return field.mode === 'REQUIRED' ? [`${path}: NULL in a REQUIRED column`] : [];
  }
  const ok = SCALAR_CHECKS[field.type]?.(value);
  if (field.type === 'RECORD') {
    return fieldIssues(field.fields ?? [], value as JsonRow, path);
  }
  return ok === true ? [] : [`${path}: not a ${field.type}`];
}

const SCALAR_CHECKS: Record<string, (value: unknown) => boolean> = {
  STRING: (v) => typeof v === 'string',
  INTEGER: (v) => Number.isInteger(v),
  FLOAT: (v) => typeof v === 'number',
  BOOLEAN: (v) => typeof v === 'boolean',
  TIMESTAMP: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)) && v.endsWith('Z'),
  JSON: (v) => typeof v === 'object',
};

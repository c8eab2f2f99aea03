import type { AvroField, AvroRecord, AvroType } from '@sentinel/contracts';
import type { ColumnResource } from './table-resource.ts';

// Standard SQL spellings the API may answer with, folded onto the legacy names the files use.
const ALIASES: Readonly<Record<string, string>> = {
  INT64: 'INTEGER',
  FLOAT64: 'FLOAT',
  BOOL: 'BOOLEAN',
  STRUCT: 'RECORD',
};

/** A column's type in the API's legacy spelling. */
export const columnType = (column: ColumnResource): string => ALIASES[column.type] ?? column.type;

/** A column's mode; the API leaves it out for NULLABLE. */
export const columnMode = (column: ColumnResource): string => column.mode ?? 'NULLABLE';

// The Avro type each BigQuery type is generated from (bigquery-fields.ts, read backwards). JSON
// and types the generator never makes get a logical type of their own so that a change between
// any two types is a change of shape.
const BASE: Readonly<Record<string, AvroType>> = {
  STRING: 'string',
  INTEGER: 'long',
  FLOAT: 'double',
  BOOLEAN: 'boolean',
  BYTES: 'bytes',
  TIMESTAMP: { type: 'long', logicalType: 'timestamp-micros' },
  DATE: { type: 'int', logicalType: 'date' },
  TIME: { type: 'long', logicalType: 'time-micros' },
};

function baseType(column: ColumnResource, path: string): AvroType {
  const type = columnType(column);
  if (type === 'RECORD') {
    return columnsAsAvro(column.fields ?? [], path);
  }
  return BASE[type] ?? { type: 'string', logicalType: `bigquery-${type.toLowerCase()}` };
}

function columnAsField(column: ColumnResource, prefix: string): AvroField {
  const path = `${prefix}${column.name}`;
  const base = baseType(column, path);
  switch (columnMode(column)) {
    case 'REQUIRED':
      return { name: column.name, type: base };
    case 'REPEATED':
      return { name: column.name, type: { type: 'array', items: base }, default: [] };
    default:
      return { name: column.name, type: ['null', base], default: null };
  }
}

/**
 * A table's columns as the Avro record they would be generated from, so that `checkAdditive`
 * judges a table change by the same rules as a topic schema change: NULLABLE is `["null", T]`
 * with default null, REPEATED an array with default [], REQUIRED a bare T without default (so a
 * new REQUIRED column is refused). Nested records are named by their path, identical on both sides.
 */
export function columnsAsAvro(columns: readonly ColumnResource[], name = 'table'): AvroRecord {
  const prefix = name === 'table' ? '' : `${name}.`;
  return {
    type: 'record',
    name,
    fields: columns.map((column) => columnAsField(column, prefix)),
  };
}

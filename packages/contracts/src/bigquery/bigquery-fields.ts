import type { AvroField, AvroRecord, AvroType } from './avro-types.ts';

/** A BigQuery column in the `bq` / REST API `fields` form. */
export interface BigQueryField {
  readonly name: string;
  readonly type:
    | 'STRING'
    | 'INTEGER'
    | 'FLOAT'
    | 'BOOLEAN'
    | 'BYTES'
    | 'TIMESTAMP'
    | 'DATE'
    | 'TIME'
    | 'JSON'
    | 'RECORD';
  readonly mode: 'NULLABLE' | 'REQUIRED' | 'REPEATED';
  readonly description?: string;
  readonly fields?: readonly BigQueryField[];
}

type Column = Omit<BigQueryField, 'name' | 'description'>;

// Google's Avro → BigQuery mapping for BigQuery subscriptions with use_topic_schema
// (cloud.google.com/pubsub/docs/bigquery, "Schema compatibility"); infra/bigquery/README.md says
// which rows are verified only in a real project.
const PRIMITIVES: Readonly<Record<string, BigQueryField['type']>> = {
  boolean: 'BOOLEAN',
  int: 'INTEGER',
  long: 'INTEGER',
  float: 'FLOAT',
  double: 'FLOAT',
  bytes: 'BYTES',
  string: 'STRING',
};

const LOGICAL: Readonly<Record<string, BigQueryField['type']>> = {
  'timestamp-micros': 'TIMESTAMP',
  'timestamp-millis': 'TIMESTAMP',
  date: 'DATE',
  'time-micros': 'TIME',
  'time-millis': 'TIME',
};

/** Named types (records, enums, fixed) seen so far, for references by name. */
type Named = Map<string, AvroType>;

function column(type: AvroType, path: string, named: Named): Column {
  if (typeof type === 'string') {
    const primitive = PRIMITIVES[type];
    if (primitive !== undefined) {
      return { type: primitive, mode: 'REQUIRED' };
    }
    const reference = named.get(type);
    if (reference === undefined) {
      throw new Error(`${path}: unmappable Avro type "${type}"`);
    }
    return column(reference, path, named);
  }
  if (Array.isArray(type)) {
    return nullable(type as readonly AvroType[], path, named);
  }
  const complex = type as Exclude<AvroType, string | readonly AvroType[]>;
  switch (complex.type) {
    case 'record':
      named.set(complex.name, complex);
      return { type: 'RECORD', mode: 'REQUIRED', fields: recordFields(complex, path, named) };
    case 'array':
      return repeated(column(complex.items, `${path}[]`, named), path);
    case 'map':
      // A map is a REPEATED key/value RECORD, as the subscription writes it (README: why not JSON).
      return repeated(
        {
          type: 'RECORD',
          mode: 'REQUIRED',
          fields: [
            { name: 'key', type: 'STRING', mode: 'REQUIRED' },
            { name: 'value', ...column(complex.values, `${path}{}`, named) },
          ],
        },
        path,
      );
    case 'enum':
      named.set(complex.name, complex);
      return { type: 'STRING', mode: 'REQUIRED' };
    case 'fixed':
      named.set(complex.name, complex);
      return { type: 'BYTES', mode: 'REQUIRED' };
    case 'null':
    case 'boolean':
    case 'int':
    case 'long':
    case 'float':
    case 'double':
    case 'bytes':
    case 'string': {
      const logical = complex.logicalType === undefined ? undefined : LOGICAL[complex.logicalType];
      // Avro readers ignore a logical type they do not know; the column keeps the base type.
      return logical === undefined
        ? column(complex.type, path, named)
        : { type: logical, mode: 'REQUIRED' };
    }
  }
}

function nullable(branches: readonly AvroType[], path: string, named: Named): Column {
  const other = branches.filter((branch) => branch !== 'null');
  const [only] = other;
  if (branches.length !== 2 || other.length !== 1 || only === undefined) {
    throw new Error(`${path}: only ["null", T] unions map to a BigQuery column`);
  }
  const inner = column(only, path, named);
  if (inner.mode === 'REPEATED') {
    throw new Error(`${path}: a nullable array has no column mode`);
  }
  return { ...inner, mode: 'NULLABLE' };
}

function repeated(items: Column, path: string): Column {
  if (items.mode !== 'REQUIRED') {
    throw new Error(`${path}: array items must be neither null nor arrays (BigQuery ARRAY)`);
  }
  return { ...items, mode: 'REPEATED' };
}

function fieldOf(field: AvroField, path: string, named: Named): BigQueryField {
  const { type, mode, fields } = column(field.type, `${path}${field.name}`, named);
  return {
    name: field.name,
    type,
    mode,
    ...(field.doc === undefined ? {} : { description: field.doc }),
    ...(fields === undefined ? {} : { fields }),
  };
}

function recordFields(record: AvroRecord, path: string, named: Named): BigQueryField[] {
  const prefix = path === '' ? '' : `${path}.`;
  return record.fields.map((field) => fieldOf(field, prefix, named));
}

/**
 * The BigQuery columns a BigQuery subscription with `use_topic_schema` writes a record of this
 * Avro schema into: record → RECORD, array → REPEATED, ["null", T] → NULLABLE, anything else
 * REQUIRED. Throws on a type the subscription cannot map (a bug in the schema, caught by tests).
 */
export function bigQueryFields(record: AvroRecord): BigQueryField[] {
  return recordFields(record, '', new Map());
}

// The slice of Avro's JSON schema language that Sentinel's topic schemas use and that a BigQuery
// subscription can map (https://avro.apache.org/docs/1.11.1/specification/).

/** Avro's primitive type names. */
export type AvroPrimitive =
  'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';

/** One field of an Avro record. */
export interface AvroField {
  readonly name: string;
  readonly type: AvroType;
  readonly doc?: string;
  readonly default?: unknown;
}

/** An Avro record: a topic schema's root, or a nested record. */
export interface AvroRecord {
  readonly type: 'record';
  readonly name: string;
  readonly namespace?: string;
  readonly doc?: string;
  readonly fields: readonly AvroField[];
}

/** Any Avro type: a primitive or named-type reference, a union, or a complex type. */
export type AvroType =
  | string
  | readonly AvroType[]
  | AvroRecord
  | { readonly type: 'array'; readonly items: AvroType }
  | { readonly type: 'map'; readonly values: AvroType }
  | { readonly type: 'enum'; readonly name: string; readonly symbols: readonly string[] }
  | { readonly type: 'fixed'; readonly name: string; readonly size: number }
  | { readonly type: AvroPrimitive; readonly logicalType?: string };

/**
 * Reads a topic schema (the parsed JSON of an .avsc file) as an Avro record, or throws: a topic
 * schema that is not a record is a bug in the repository, not a runtime condition.
 */
export function asAvroRecord(json: unknown): AvroRecord {
  if (typeof json !== 'object' || json === null) {
    throw new Error('Avro schema: not an object');
  }
  const schema = json as Partial<AvroRecord>;
  if (schema.type !== 'record' || typeof schema.name !== 'string') {
    throw new Error('Avro schema: the root must be a named record');
  }
  if (!Array.isArray(schema.fields)) {
    throw new Error(`Avro schema ${schema.name}: no fields`);
  }
  return schema as AvroRecord;
}

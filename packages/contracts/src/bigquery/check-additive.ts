import type { AvroField, AvroRecord, AvroType } from './avro-types.ts';

/** One change that breaks additive evolution, at a field path (`reasons[].code`). */
export interface SchemaChange {
  readonly path: string;
  readonly message: string;
}

type Complex = Exclude<AvroType, string | readonly AvroType[]>;

const isNullable = (type: AvroType): boolean => Array.isArray(type) && type.includes('null');
const isArray = (type: AvroType): boolean =>
  typeof type === 'object' && !Array.isArray(type) && (type as Complex).type === 'array';

/** A type's shape without its record fields (those are compared one by one). */
function shape(type: AvroType): string {
  if (typeof type === 'string') {
    return type;
  }
  if (Array.isArray(type)) {
    return `union<${(type as readonly AvroType[]).map(shape).join(',')}>`;
  }
  const complex = type as Complex;
  switch (complex.type) {
    case 'record':
    case 'enum':
      return `${complex.type} ${complex.name}`;
    case 'fixed':
      return `fixed ${complex.name}(${String(complex.size)})`;
    case 'array':
      return `array<${shape(complex.items)}>`;
    case 'map':
      return `map<${shape(complex.values)}>`;
    case 'null':
    case 'boolean':
    case 'int':
    case 'long':
    case 'float':
    case 'double':
    case 'bytes':
    case 'string':
      return complex.logicalType === undefined
        ? complex.type
        : `${complex.type}:${complex.logicalType}`;
  }
}

/** The records and enums inside a type, paired with where they sit. */
function nested(type: AvroType, path: string): [string, Complex][] {
  if (typeof type === 'string') {
    return [];
  }
  if (Array.isArray(type)) {
    return (type as readonly AvroType[]).flatMap((branch) => nested(branch, path));
  }
  const complex = type as Complex;
  if (complex.type === 'record' || complex.type === 'enum') {
    return [[path, complex]];
  }
  if (complex.type === 'array') {
    return nested(complex.items, `${path}[]`);
  }
  if (complex.type === 'map') {
    return nested(complex.values, `${path}{}`);
  }
  return [];
}

function compareField(before: AvroField, after: AvroField, path: string): SchemaChange[] {
  if (isNullable(before.type) && !isNullable(after.type)) {
    return [
      {
        path,
        message: `nullable became required (${shape(before.type)} → ${shape(after.type)}); old messages and rows hold null`,
      },
    ];
  }
  // Required → nullable is a relaxation: Avro reads T as ["null", T], BigQuery relaxes the mode.
  const relaxed = !isNullable(before.type) && shape(['null', before.type]) === shape(after.type);
  if (!relaxed && shape(before.type) !== shape(after.type)) {
    return [{ path, message: `type changed from ${shape(before.type)} to ${shape(after.type)}` }];
  }
  const inner = new Map(nested(after.type, path));
  return nested(before.type, path).flatMap(([at, old]) => {
    const now = inner.get(at);
    if (now === undefined) {
      return [];
    }
    if (old.type === 'record' && now.type === 'record') {
      return compareRecords(old, now, `${at}.`);
    }
    if (old.type === 'enum' && now.type === 'enum') {
      return old.symbols
        .filter((symbol) => !now.symbols.includes(symbol))
        .map((symbol) => ({
          path: at,
          message: `enum symbol ${symbol} removed; old messages carry it`,
        }));
    }
    return [];
  });
}

function compareRecords(before: AvroRecord, after: AvroRecord, prefix: string): SchemaChange[] {
  const now = new Map(after.fields.map((field) => [field.name, field]));
  const old = new Set(before.fields.map((field) => field.name));
  const changes = before.fields.flatMap((field): SchemaChange[] => {
    const kept = now.get(field.name);
    return kept === undefined
      ? [
          {
            path: `${prefix}${field.name}`,
            message: 'field removed (or renamed); its column and old messages keep it',
          },
        ]
      : compareField(field, kept, `${prefix}${field.name}`);
  });
  for (const field of after.fields.filter((f) => !old.has(f.name))) {
    const path = `${prefix}${field.name}`;
    if (!('default' in field)) {
      changes.push({
        path,
        message: 'new field without a default; messages written before it cannot be read',
      });
    }
    if (!isNullable(field.type) && !isArray(field.type)) {
      changes.push({
        path,
        message: `new field must be ["null", T] or an array: BigQuery adds only NULLABLE or REPEATED columns (is ${shape(field.type)})`,
      });
    }
  }
  return changes;
}

/**
 * Every change from `before` to `after` that is not additive — a removed field, a changed type, a
 * new field without a default or that BigQuery could not add as a NULLABLE/REPEATED column, an
 * enum symbol removed, a nullable field made required. Empty when `after` may replace `before` on
 * a topic whose BigQuery subscription keeps writing into the same table.
 */
export function checkAdditive(before: AvroRecord, after: AvroRecord): SchemaChange[] {
  const renamed =
    before.name === after.name && before.namespace === after.namespace
      ? []
      : [
          {
            path: '',
            message: `record renamed from ${before.name} to ${after.name}; Avro resolution needs the same name`,
          },
        ];
  return [...renamed, ...compareRecords(before, after, '')];
}

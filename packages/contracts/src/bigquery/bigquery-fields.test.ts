import { describe, expect, it } from 'vitest';
import type { AvroRecord, AvroType } from './avro-types.ts';
import { bigQueryFields } from './bigquery-fields.ts';

const recordOf = (type: AvroType): AvroRecord => ({
  type: 'record',
  name: 'R',
  fields: [{ name: 'f', type }],
});
const only = (type: AvroType) => bigQueryFields(recordOf(type))[0];

describe('bigQueryFields', () => {
  it.each<[string, AvroType, string, string]>([
    ['string', 'string', 'STRING', 'REQUIRED'],
    ['int', 'int', 'INTEGER', 'REQUIRED'],
    ['long', 'long', 'INTEGER', 'REQUIRED'],
    ['float', 'float', 'FLOAT', 'REQUIRED'],
    ['double', 'double', 'FLOAT', 'REQUIRED'],
    ['boolean', 'boolean', 'BOOLEAN', 'REQUIRED'],
    ['bytes', 'bytes', 'BYTES', 'REQUIRED'],
    ['enum', { type: 'enum', name: 'E', symbols: ['A', 'B'] }, 'STRING', 'REQUIRED'],
    ['fixed', { type: 'fixed', name: 'F', size: 16 }, 'BYTES', 'REQUIRED'],
    [
      'timestamp-micros',
      { type: 'long', logicalType: 'timestamp-micros' },
      'TIMESTAMP',
      'REQUIRED',
    ],
    [
      'timestamp-millis',
      { type: 'long', logicalType: 'timestamp-millis' },
      'TIMESTAMP',
      'REQUIRED',
    ],
    ['date', { type: 'int', logicalType: 'date' }, 'DATE', 'REQUIRED'],
    [
      'an unknown logical type (base type)',
      { type: 'string', logicalType: 'uuid' },
      'STRING',
      'REQUIRED',
    ],
    ['["null", string]', ['null', 'string'], 'STRING', 'NULLABLE'],
    ['[string, "null"] (a string default)', ['string', 'null'], 'STRING', 'NULLABLE'],
    [
      '["null", timestamp-micros]',
      ['null', { type: 'long', logicalType: 'timestamp-micros' }],
      'TIMESTAMP',
      'NULLABLE',
    ],
    ['array of string', { type: 'array', items: 'string' }, 'STRING', 'REPEATED'],
  ])('maps %s', (_, type, bqType, mode) => {
    expect(only(type)).toEqual({ name: 'f', type: bqType, mode });
  });

  it('maps a record to RECORD and an array of records to a REPEATED RECORD, with docs', () => {
    const reason: AvroType = {
      type: 'record',
      name: 'Reason',
      fields: [
        { name: 'code', type: 'string', doc: 'Stable code.' },
        { name: 'weight', type: ['null', 'int'], default: null },
      ],
    };
    const reasonFields = [
      { name: 'code', type: 'STRING', mode: 'REQUIRED', description: 'Stable code.' },
      { name: 'weight', type: 'INTEGER', mode: 'NULLABLE' },
    ];
    const fields = bigQueryFields({
      type: 'record',
      name: 'R',
      fields: [
        { name: 'reasons', type: { type: 'array', items: reason }, doc: 'Fired rules.' },
        { name: 'top', type: ['null', 'Reason'], default: null },
      ],
    });
    expect(fields).toEqual([
      {
        name: 'reasons',
        type: 'RECORD',
        mode: 'REPEATED',
        description: 'Fired rules.',
        fields: reasonFields,
      },
      { name: 'top', type: 'RECORD', mode: 'NULLABLE', fields: reasonFields },
    ]);
  });

  it('maps a map to a REPEATED key/value RECORD', () => {
    expect(only({ type: 'map', values: ['null', 'double'] })).toEqual({
      name: 'f',
      type: 'RECORD',
      mode: 'REPEATED',
      fields: [
        { name: 'key', type: 'STRING', mode: 'REQUIRED' },
        { name: 'value', type: 'FLOAT', mode: 'NULLABLE' },
      ],
    });
  });

  it.each<[string, AvroType, string]>([
    ['a union of two types', ['string', 'long'], 'only ["null", T] unions'],
    ['a union of three branches', ['null', 'string', 'long'], 'only ["null", T] unions'],
    ['a nullable array', ['null', { type: 'array', items: 'string' }], 'nullable array'],
    ['an array of nullables', { type: 'array', items: ['null', 'string'] }, 'array items'],
    [
      'an array of arrays',
      { type: 'array', items: { type: 'array', items: 'int' } },
      'array items',
    ],
    ['an unknown named type', 'Nowhere', 'unmappable Avro type "Nowhere"'],
  ])('refuses %s, naming the field', (_, type, message) => {
    expect(() => only(type)).toThrow(message);
    expect(() => only(type)).toThrow(/^f/);
  });
});

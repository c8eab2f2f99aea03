import { describe, expect, it } from 'vitest';
import { tableChange } from './table-change.ts';
import type { TableResource } from './table-resource.ts';

const TABLE: TableResource = {
  type: 'TABLE',
  description: 'd',
  schema: {
    fields: [
      { name: 'id', type: 'STRING', mode: 'REQUIRED' },
      { name: 'at', type: 'TIMESTAMP', mode: 'REQUIRED' },
      {
        name: 'reasons',
        type: 'RECORD',
        mode: 'REPEATED',
        fields: [{ name: 'code', type: 'STRING', mode: 'REQUIRED' }],
      },
    ],
  },
  timePartitioning: { type: 'DAY', field: 'at' },
  clustering: { fields: ['id'] },
};
const fields = TABLE.schema?.fields ?? [];
const withFields = (next: TableResource['schema']): TableResource => ({ ...TABLE, schema: next });

describe('tableChange', () => {
  it('needs nothing when the API answers the same schema in its own spelling', () => {
    const answered: TableResource = {
      ...TABLE,
      schema: { fields: fields.map((f) => (f.name === 'at' ? { ...f, type: 'TIMESTAMP' } : f)) },
      numRows: '0',
    };
    expect(tableChange('t', answered, TABLE)).toEqual({ ok: true, added: [] });
  });

  it('patches a new nested NULLABLE column and a relaxed mode, keeping the table order', () => {
    const desired = withFields({
      fields: [
        { name: 'id', type: 'STRING', mode: 'NULLABLE' },
        { name: 'at', type: 'TIMESTAMP', mode: 'REQUIRED' },
        {
          name: 'reasons',
          type: 'RECORD',
          mode: 'REPEATED',
          fields: [
            { name: 'code', type: 'STRING', mode: 'REQUIRED' },
            { name: 'weight', type: 'FLOAT', mode: 'NULLABLE' },
          ],
        },
      ],
    });
    const change = tableChange('t', TABLE, desired);
    expect(change).toEqual({
      ok: true,
      added: ['reasons.weight'],
      patch: { description: 'd', schema: desired.schema },
    });
  });

  it('refuses a NULLABLE column made REQUIRED', () => {
    const nullable = withFields({
      fields: fields.map((f) => (f.name === 'id' ? { ...f, mode: 'NULLABLE' } : f)),
    });
    expect(tableChange('t', nullable, TABLE).issues).toEqual([
      't.id: nullable became required (union<null,string> → string); old messages and rows hold null',
    ]);
  });

  it.each([
    [
      'a changed partitioning',
      { ...TABLE, timePartitioning: { type: 'DAY', field: 'id' } },
      't: partitioning differs from the file; changing it needs a new table',
    ],
    [
      'a changed clustering',
      { ...TABLE, clustering: { fields: ['at'] } },
      't: clustering differs from the file; change it by hand, deliberately',
    ],
    [
      'a REQUIRED column made REPEATED',
      withFields({ fields: fields.map((f) => (f.name === 'id' ? { ...f, mode: 'REPEATED' } : f)) }),
      't.id: type changed from string to array<string>',
    ],
    [
      'a dropped nested column',
      withFields({ fields: fields.map((f) => (f.name === 'reasons' ? { ...f, fields: [] } : f)) }),
      't.reasons[].code: field removed (or renamed); its column and old messages keep it',
    ],
  ])('refuses %s', (_name, desired: TableResource, issue) => {
    expect(tableChange('t', TABLE, desired)).toEqual({ ok: false, issues: [issue] });
  });

  it('refuses to treat a view as a table', () => {
    expect(tableChange('t', { type: 'VIEW', view: { query: 'SELECT 1' } }, TABLE).issues).toEqual([
      't: is a VIEW, not a table',
    ]);
  });
});

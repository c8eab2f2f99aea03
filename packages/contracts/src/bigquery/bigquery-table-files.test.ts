import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { asAvroRecord } from './avro-types.ts';
import { BIGQUERY_TABLE_FILES } from './bigquery-table-files.ts';
import { BIGQUERY_TABLE_SPECS, bigQueryTable, WRITE_METADATA_FIELDS } from './bigquery-table.ts';

const read = (url: URL): unknown => JSON.parse(readFileSync(url, 'utf8'));

describe('infra/bigquery', () => {
  it.each(BIGQUERY_TABLE_FILES.map((entry) => [entry.spec.table, entry] as const))(
    '%s.json is what npm run bq:schemas generates from its Avro schema (drift fails)',
    (_, { spec, avsc, file }) => {
      expect(read(file)).toEqual(
        JSON.parse(JSON.stringify(bigQueryTable(spec, asAvroRecord(read(avsc))))),
      );
    },
  );

  it('lays the tables out: partitioned by day on the decision/completion/transition time, clustered by tenant', () => {
    const layout = BIGQUERY_TABLE_FILES.map(({ file }) => {
      const { timePartitioning, clustering } = read(file) as Record<string, unknown>;
      return { timePartitioning, clustering };
    });
    expect(layout).toEqual([
      {
        timePartitioning: { type: 'DAY', field: 'decidedAt' },
        clustering: { fields: ['tenantId', 'action'] },
      },
      {
        timePartitioning: { type: 'DAY', field: 'completedAt' },
        clustering: { fields: ['tenantId', 'status'] },
      },
      {
        timePartitioning: { type: 'DAY', field: 'occurredAt' },
        clustering: { fields: ['tenantId', 'type'] },
      },
    ]);
  });

  it('ends every table with the write_metadata columns', () => {
    for (const { file } of BIGQUERY_TABLE_FILES) {
      const { schema } = read(file) as { schema: { fields: unknown[] } };
      expect(schema.fields.slice(-4)).toEqual(WRITE_METADATA_FIELDS);
    }
  });
});

describe('bigQueryTable', () => {
  const outcome = asAvroRecord(read(BIGQUERY_TABLE_FILES[1]?.avsc ?? new URL('missing:')));
  it.each([
    [
      'a partition field that is not a timestamp',
      { partitionField: 'status' },
      /partition field status/,
    ],
    [
      'a partition field that does not exist',
      { partitionField: 'nowhere' },
      /partition field nowhere/,
    ],
    ['a cluster field that does not exist', { clusterFields: ['tenant'] }, /cluster field tenant/],
    ['a JSON cluster field', { clusterFields: ['attributes'] }, /cluster field attributes/],
  ])('refuses %s', (_, change, message) => {
    expect(() => bigQueryTable({ ...BIGQUERY_TABLE_SPECS.outcomes, ...change }, outcome)).toThrow(
      message,
    );
  });

  it('refuses a field that collides with a write_metadata column', () => {
    const colliding = {
      ...outcome,
      fields: [...outcome.fields, { name: 'message_id', type: 'string' }],
    };
    expect(() => bigQueryTable(BIGQUERY_TABLE_SPECS.outcomes, colliding)).toThrow(/collides/);
  });
});

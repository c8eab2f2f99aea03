import { readFileSync } from 'node:fs';
import {
  asAvroRecord,
  BIGQUERY_TABLE_SPECS,
  bigQueryTable,
  DECISION_AVSC_PATH,
  type AvroRecord,
} from '@sentinel/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  startFakeBigQuery,
  writeRequests,
  type FakeBigQuery,
  type RecordedRequest,
} from '../testing.ts';
import { bigQueryWarehouse } from './bigquery-warehouse.ts';
import { loadWarehouseSource, WAREHOUSE_DIR } from './load-warehouse-source.ts';
import { migrateWarehouse } from './migrate-warehouse.ts';
import type { WarehouseSource, WarehouseTarget } from './plan-migration.ts';
import { tableResourceSchema, type TableResource } from './table-resource.ts';
import { viewReferences } from './view-order.ts';

const TARGET: WarehouseTarget = {
  project: 'demo-proj',
  dataset: 'sentinel',
  location: 'africa-south1',
};
const FIXTURE_DIR = new URL('./fixtures/', import.meta.url);
const BASE = `/projects/${TARGET.project}/datasets`;

const tableFiles = (await loadWarehouseSource(WAREHOUSE_DIR)).tables;
const fixtureViews = (await loadWarehouseSource(FIXTURE_DIR)).views;
const SOURCE: WarehouseSource = { tables: tableFiles, views: fixtureViews };

/** The decisions table generated from the current Avro schema changed by `change`. */
function decisionsTableWith(change: (schema: AvroRecord) => AvroRecord): TableResource {
  const schema = asAvroRecord(JSON.parse(readFileSync(DECISION_AVSC_PATH, 'utf8')));
  return tableResourceSchema.parse(bigQueryTable(BIGQUERY_TABLE_SPECS.decisions, change(schema)));
}

const withDecisions = (body: TableResource): WarehouseSource => ({
  ...SOURCE,
  tables: SOURCE.tables.map((table) =>
    table.id === 'decisions' ? { id: 'decisions', body } : table,
  ),
});

/** What each write did: `POST datasets`, `POST tables decisions`, `PATCH tables/decisions`. */
const describeWrites = (requests: readonly RecordedRequest[]): string[] =>
  writeRequests(requests).map(({ method, path, body }) => {
    const rest = path.slice(BASE.length + 1);
    const ref = (body as { tableReference?: { tableId: string } }).tableReference;
    return `${method} ${rest === '' ? 'datasets' : rest}${ref === undefined ? '' : ` ${ref.tableId}`}`;
  });

let fake: FakeBigQuery;
const migrate = (source: WarehouseSource, dryRun = false) =>
  migrateWarehouse(bigQueryWarehouse({ ...TARGET, apiEndpoint: fake.url }), source, TARGET, {
    dryRun,
  });

beforeEach(async () => {
  fake = await startFakeBigQuery();
});
afterEach(async () => {
  await fake.close();
});

describe('bq:migrate against a fake of the BigQuery REST API', () => {
  it('creates the dataset in its location, the three tables, then the views in dependency order', async () => {
    const result = await migrate(SOURCE);

    expect(result.ok).toBe(true);
    expect(describeWrites(fake.requests)).toEqual([
      'POST datasets',
      'POST sentinel/tables decisions',
      'POST sentinel/tables escrow_events',
      'POST sentinel/tables outcomes',
      'POST sentinel/tables decisions_base',
      'POST sentinel/tables decisions_joined',
      'POST sentinel/tables action_summary',
    ]);
    expect(fake.datasets.get('demo-proj/sentinel')?.['location']).toBe('africa-south1');
    const decisions = fake.tables.get('demo-proj/sentinel/decisions');
    expect(decisions?.['timePartitioning']).toEqual({ type: 'DAY', field: 'decidedAt' });
    expect(decisions?.['schema']).toEqual(
      tableFiles.find((t) => t.id === 'decisions')?.body.schema,
    );
    const joined = fake.tables.get('demo-proj/sentinel/decisions_joined');
    expect(joined?.['view']).toEqual({
      query: expect.stringContaining('FROM `demo-proj.sentinel.decisions_base` AS d') as unknown,
      useLegacySql: false,
    });
    expect(JSON.stringify(joined)).not.toContain('{{');
  });

  it('makes no write request on a second run', async () => {
    await migrate(SOURCE);
    const before = fake.requests.length;

    const again = await migrate(SOURCE);

    expect(again).toEqual({ ok: true, steps: [], applied: true });
    const second = fake.requests.slice(before);
    expect(second.length).toBe(1 + 3 + 3); // dataset, tables and views read
    expect(writeRequests(second)).toEqual([]);
  });

  it('prints the plan and writes nothing on a dry run', async () => {
    const result = await migrate(SOURCE, true);

    expect(
      result.ok && result.steps.map((step) => `${step.kind} ${'id' in step ? step.id : ''}`),
    ).toEqual([
      'createDataset ',
      'createTable decisions',
      'createTable escrow_events',
      'createTable outcomes',
      'createView decisions_base',
      'createView decisions_joined',
      'createView action_summary',
    ]);
    expect(result.ok && result.applied).toBe(false);
    expect(writeRequests(fake.requests)).toEqual([]);
  });

  it('patches an additive Avro change (a new nullable field) onto the table, then rests', async () => {
    await migrate(SOURCE);
    const grown = decisionsTableWith((schema) => ({
      ...schema,
      fields: [
        ...schema.fields,
        { name: 'journeyId', type: ['null', 'string'], default: null, doc: 'Customer journey id.' },
      ],
    }));
    const before = fake.requests.length;

    const result = await migrate(withDecisions(grown));

    expect(result.ok && result.steps).toEqual([
      expect.objectContaining({ kind: 'patchTable', id: 'decisions', added: ['journeyId'] }),
    ]);
    expect(describeWrites(fake.requests.slice(before))).toEqual([
      'PATCH sentinel/tables/decisions',
    ]);
    const columns = (
      fake.tables.get('demo-proj/sentinel/decisions')?.['schema'] as {
        fields: { name: string; mode: string }[];
      }
    ).fields;
    expect(columns.at(-1)).toEqual({
      name: 'journeyId',
      type: 'STRING',
      mode: 'NULLABLE',
      description: 'Customer journey id.',
    });
    expect(columns.length).toBe(grown.schema?.fields.length ?? 0);
    const settled = fake.requests.length;
    await migrate(withDecisions(grown));
    expect(writeRequests(fake.requests.slice(settled))).toEqual([]);
  });

  it.each([
    [
      'a removed field',
      (schema: AvroRecord): AvroRecord => ({
        ...schema,
        fields: schema.fields.filter((field) => field.name !== 'userKey'),
      }),
      'decisions.userKey: field removed',
    ],
    [
      'a changed type',
      (schema: AvroRecord): AvroRecord => ({
        ...schema,
        fields: schema.fields.map((field) =>
          field.name === 'clientId' ? { ...field, type: 'long' } : field,
        ),
      }),
      'decisions.clientId: type changed from string to long',
    ],
    [
      'a new required field',
      (schema: AvroRecord): AvroRecord => ({
        ...schema,
        fields: [...schema.fields, { name: 'journeyId', type: 'string' }],
      }),
      'decisions.journeyId: new field without a default',
    ],
  ])('refuses %s with a clear message and writes nothing', async (_name, change, message) => {
    await migrate(SOURCE);
    const before = fake.requests.length;

    const result = await migrate(withDecisions(decisionsTableWith(change)));

    expect(result.ok).toBe(false);
    expect(result.issues?.join('\n')).toContain(message);
    expect(writeRequests(fake.requests.slice(before))).toEqual([]);
  });

  it('updates a view whose SQL changed, and only that view', async () => {
    await migrate(SOURCE);
    const before = fake.requests.length;
    const views = SOURCE.views.map((view) =>
      view.name === 'action_summary' ? { ...view, sql: `${view.sql}HAVING COUNT(*) > 0\n` } : view,
    );

    await migrate({ ...SOURCE, views });

    expect(describeWrites(fake.requests.slice(before))).toEqual([
      'PATCH sentinel/tables/action_summary',
    ]);
    expect(fake.tables.get('demo-proj/sentinel/action_summary')?.['view']).toEqual({
      query: expect.stringMatching(/HAVING COUNT\(\*\) > 0$/) as unknown,
      useLegacySql: false,
    });
  });

  it('refuses a dataset in another location without writing', async () => {
    await migrate(SOURCE);
    const before = fake.requests.length;

    const result = await migrateWarehouse(
      bigQueryWarehouse({ ...TARGET, location: 'EU', apiEndpoint: fake.url }),
      SOURCE,
      { ...TARGET, location: 'EU' },
      { dryRun: false },
    );

    expect(result.issues).toEqual([
      'dataset sentinel is in africa-south1, not EU; a dataset cannot move',
    ]);
    expect(writeRequests(fake.requests.slice(before))).toEqual([]);
  });

  it("applies the repository's own infra/bigquery (tables, and views if any) in dependency order", async () => {
    const real = await loadWarehouseSource(WAREHOUSE_DIR);

    const result = await migrate(real);

    // The fake refuses a view that reads something not created yet, so success is the order check.
    expect(result.ok).toBe(true);
    const created = describeWrites(fake.requests)
      .filter((write) => write.startsWith('POST sentinel/tables'))
      .map((write) => write.split(' ')[2]);
    expect(created).toEqual([
      ...real.tables.map((t) => t.id),
      ...(result.ok ? result.steps : [])
        .filter((step) => step.kind === 'createView')
        .map((step) => step.id),
    ]);
    for (const [index, view] of real.views.entries()) {
      for (const name of viewReferences(view.sql)) {
        expect(created.indexOf(name), `${view.name} after ${name}`).toBeLessThan(
          created.indexOf(real.views[index]?.name ?? ''),
        );
      }
    }
  });
});

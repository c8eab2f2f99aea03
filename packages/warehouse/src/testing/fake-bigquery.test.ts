// The fake's own refusals, which the migration tests rely on to prove ordering and additivity.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bigQueryWarehouse } from '../migrate/bigquery-warehouse.ts';
import type { Warehouse } from '../migrate/warehouse.ts';
import { startFakeBigQuery, writeRequests, type FakeBigQuery } from './fake-bigquery.ts';

let fake: FakeBigQuery;
let warehouse: Warehouse;
beforeEach(async () => {
  fake = await startFakeBigQuery();
  warehouse = bigQueryWarehouse({
    project: 'p',
    dataset: 'd',
    location: 'EU',
    apiEndpoint: fake.url,
  });
  await warehouse.createDataset('EU');
  await warehouse.createTable('t', { schema: { fields: [{ name: 'a', type: 'STRING' }] } });
});
afterEach(async () => {
  await fake.close();
});

describe('startFakeBigQuery', () => {
  it('answers what it stored, and undefined for what is missing', async () => {
    expect(await warehouse.readDataset()).toEqual(expect.objectContaining({ location: 'EU' }));
    expect((await warehouse.readTable('t'))?.type).toBe('TABLE');
    expect(await warehouse.readTable('nope')).toBeUndefined();
  });

  it('refuses a view that reads a table not created yet, like BigQuery', async () => {
    await expect(
      warehouse.createTable('v', { view: { query: 'SELECT * FROM `p.d.later`' } }),
    ).rejects.toThrow('Not found: Table p.d.later');
    await warehouse.createTable('w', { view: { query: 'SELECT * FROM `p.d.t`' } });
    expect((await warehouse.readTable('w'))?.type).toBe('VIEW');
  });

  it('refuses a patch that drops a column, and an insert of what exists', async () => {
    await expect(
      warehouse.patchTable('t', { schema: { fields: [{ name: 'b', type: 'STRING' }] } }),
    ).rejects.toThrow('missing a');
    await expect(warehouse.createTable('t', {})).rejects.toThrow('Already Exists');
    expect(writeRequests(fake.requests).map((r) => r.method)).toEqual([
      'POST',
      'POST',
      'PATCH',
      'POST',
    ]);
  });
});

import { BigQuery } from '@google-cloud/bigquery';
import { PassThroughClient } from 'google-auth-library';
import type { Warehouse } from './warehouse.ts';
import {
  datasetResourceSchema,
  tableResourceSchema,
  type TableResource,
} from './table-resource.ts';

/** How to reach BigQuery: the project and dataset, and a local endpoint instead of Google's. */
export interface BigQueryWarehouseOptions {
  readonly project: string;
  readonly dataset: string;
  readonly location: string;
  /**
   * A local stand-in for the REST API (`http://127.0.0.1:9050`); requests then go to
   * `<apiEndpoint>/bigquery/v2/…` without credentials (google-auth-library's PassThroughClient).
   */
  readonly apiEndpoint?: string;
}

const isNotFound = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 404;

async function orUndefined<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isNotFound(error)) {
      return undefined;
    }
    throw error;
  }
}

/**
 * The `Warehouse` port on `@google-cloud/bigquery`: `datasets.get/insert`, `tables.get/insert/
 * patch`. Answers read back from the API are parsed (zod) before the plan sees them.
 */
export function bigQueryWarehouse(options: BigQueryWarehouseOptions): Warehouse {
  const client = new BigQuery({
    projectId: options.project,
    location: options.location,
    ...(options.apiEndpoint === undefined
      ? {}
      : { apiEndpoint: options.apiEndpoint, authClient: new PassThroughClient() }),
  });
  const dataset = client.dataset(options.dataset);
  const asBody = (body: TableResource): Record<string, unknown> => structuredClone(body);
  return {
    async readDataset() {
      const found = await orUndefined(async () => (await dataset.getMetadata())[0] as unknown);
      return found === undefined ? undefined : datasetResourceSchema.parse(found);
    },
    async createDataset(location) {
      await client.createDataset(options.dataset, { location });
    },
    async readTable(id) {
      const found = await orUndefined(
        async () => (await dataset.table(id).getMetadata())[0] as unknown,
      );
      return found === undefined ? undefined : tableResourceSchema.parse(found);
    },
    async createTable(id, body) {
      await dataset.createTable(id, asBody(body));
    },
    async patchTable(id, body) {
      await dataset.table(id).setMetadata(asBody(body));
    },
  };
}

import type { TableResource } from './table-resource.ts';

/**
 * The one dataset a migration applies, in the BigQuery REST API's words: read what is there,
 * create or patch what is not. Views are tables with `view.query`. Reads answer `undefined` for a
 * missing object; every other failure throws.
 */
export interface Warehouse {
  readDataset(): Promise<{ readonly location: string } | undefined>;
  createDataset(location: string): Promise<void>;
  readTable(id: string): Promise<TableResource | undefined>;
  createTable(id: string, body: TableResource): Promise<void>;
  /** `tables.patch`: the members in `body` replace the table's (a schema in full). */
  patchTable(id: string, body: TableResource): Promise<void>;
}

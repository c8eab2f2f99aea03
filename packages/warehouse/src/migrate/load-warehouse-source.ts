import { readdir, readFile } from 'node:fs/promises';
import type { WarehouseSource } from './plan-migration.ts';
import { tableResourceSchema } from './table-resource.ts';

/** infra/bigquery: the table files (`<table>.json`) and, under views/, the view files. */
export const WAREHOUSE_DIR = new URL('../../../../infra/bigquery/', import.meta.url);

async function filesEnding(dir: URL, suffix: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith(suffix)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return [];
    }
    throw error;
  }
}

/**
 * Reads a warehouse directory: every `<table>.json` (the REST API `Table` form) and every
 * `views/<view>.sql`, sorted by name. Throws on a table file that is not a table: that is a bug in
 * the repository, not a condition to carry on from.
 */
export async function loadWarehouseSource(dir: URL = WAREHOUSE_DIR): Promise<WarehouseSource> {
  const tables = await Promise.all(
    (await filesEnding(dir, '.json')).map(async (file) => {
      const parsed = tableResourceSchema.safeParse(
        JSON.parse(await readFile(new URL(file, dir), 'utf8')),
      );
      if (!parsed.success || parsed.data.schema === undefined) {
        throw new Error(`${file}: not a BigQuery table (schema.fields missing or malformed)`);
      }
      return { id: file.slice(0, -'.json'.length), body: parsed.data };
    }),
  );
  const viewDir = new URL('views/', dir);
  const views = await Promise.all(
    (await filesEnding(viewDir, '.sql')).map(async (file) => ({
      name: file.slice(0, -'.sql'.length),
      sql: await readFile(new URL(file, viewDir), 'utf8'),
    })),
  );
  return { tables, views };
}

import { z } from 'zod';

/** A column as the REST API reads it back; `mode` may be absent (NULLABLE). */
export interface ColumnResource {
  readonly name: string;
  readonly type: string;
  readonly mode?: string | undefined;
  readonly description?: string | undefined;
  readonly fields?: readonly ColumnResource[] | undefined;
}

const columnSchema: z.ZodType<ColumnResource> = z.lazy(() =>
  z.looseObject({
    name: z.string(),
    type: z.string(),
    mode: z.string().optional(),
    description: z.string().optional(),
    fields: z.array(columnSchema).optional(),
  }),
);

/**
 * The parts of a REST API `Table` (a table or a view) that the migration reads and writes, parsed
 * where it crosses the boundary: a table file in infra/bigquery, or `tables.get`'s answer. Other
 * members (etag, numRows, …) pass through untouched.
 */
export const tableResourceSchema = z.looseObject({
  type: z.string().optional(),
  description: z.string().optional(),
  schema: z.object({ fields: z.array(columnSchema) }).optional(),
  timePartitioning: z.looseObject({ type: z.string(), field: z.string().optional() }).optional(),
  clustering: z.object({ fields: z.array(z.string()) }).optional(),
  view: z.looseObject({ query: z.string(), useLegacySql: z.boolean().optional() }).optional(),
});

export type TableResource = z.infer<typeof tableResourceSchema>;

/** Where a dataset lives, from `datasets.get`. */
export const datasetResourceSchema = z.looseObject({ location: z.string() });

export type DatasetResource = z.infer<typeof datasetResourceSchema>;

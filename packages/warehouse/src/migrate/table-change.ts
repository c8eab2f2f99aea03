import { checkAdditive } from '@sentinel/contracts';
import { columnsAsAvro } from './columns-as-avro.ts';
import { addedColumns, mergeColumns, sameColumns } from './merge-columns.ts';
import type { TableResource } from './table-resource.ts';

/** What one existing table needs: nothing, a patch, or a refusal (never a drop). */
export type TableChange =
  | {
      readonly ok: true;
      readonly patch?: TableResource;
      readonly added: readonly string[];
      readonly issues?: never;
    }
  | { readonly ok: false; readonly issues: readonly string[] };

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Compares a table as it is (`tables.get`) with its file. Only additive schema changes pass
 * (`checkAdditive` on both schemas read as Avro: new NULLABLE or REPEATED columns, REQUIRED →
 * NULLABLE, new descriptions); a changed partitioning or clustering, a view where a table should
 * be, or any other schema change is refused with every reason listed.
 */
export function tableChange(
  id: string,
  existing: TableResource,
  desired: TableResource,
): TableChange {
  if (existing.type !== undefined && existing.type !== 'TABLE') {
    return { ok: false, issues: [`${id}: is a ${existing.type}, not a table`] };
  }
  const before = existing.schema?.fields ?? [];
  const after = desired.schema?.fields ?? [];
  const issues = checkAdditive(columnsAsAvro(before), columnsAsAvro(after)).map(
    (change) => `${id}.${change.path}: ${change.message}`,
  );
  const partitioning = (table: TableResource): unknown => [
    table.timePartitioning?.type,
    table.timePartitioning?.field,
  ];
  if (!sameJson(partitioning(existing), partitioning(desired))) {
    issues.push(`${id}: partitioning differs from the file; changing it needs a new table`);
  }
  if (!sameJson(existing.clustering?.fields ?? [], desired.clustering?.fields ?? [])) {
    issues.push(`${id}: clustering differs from the file; change it by hand, deliberately`);
  }
  if (issues.length > 0) {
    return { ok: false, issues };
  }
  const fields = mergeColumns(before, after);
  const description = desired.description ?? existing.description;
  if (sameColumns(fields, before) && description === existing.description) {
    return { ok: true, added: [] };
  }
  return {
    ok: true,
    patch: {
      ...(description === undefined ? {} : { description }),
      schema: { fields },
    },
    added: addedColumns(before, after),
  };
}

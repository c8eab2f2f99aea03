import type { MigrationStep } from './migration-step.ts';
import { tableChange } from './table-change.ts';
import type { TableResource } from './table-resource.ts';
import { orderViews, viewQuery, type ViewSource } from './view-order.ts';
import type { Warehouse } from './warehouse.ts';

/** What the repository says the dataset should hold. */
export interface WarehouseSource {
  readonly tables: readonly { readonly id: string; readonly body: TableResource }[];
  readonly views: readonly ViewSource[];
}

/** Where to apply it. */
export interface WarehouseTarget {
  readonly project: string;
  readonly dataset: string;
  readonly location: string;
}

export type MigrationPlan =
  | { readonly ok: true; readonly steps: readonly MigrationStep[]; readonly issues?: never }
  | { readonly ok: false; readonly issues: readonly string[]; readonly steps?: never };

function viewStep(
  id: string,
  query: string,
  existing: TableResource | undefined,
): MigrationStep | string | undefined {
  if (existing === undefined) {
    return { kind: 'createView', id, query };
  }
  if (existing.view === undefined) {
    return `${id}: is a ${existing.type ?? 'table'}, not a view; it is never replaced`;
  }
  return existing.view.query.trim() === query ? undefined : { kind: 'updateView', id, query };
}

/**
 * Reads the dataset, its tables and its views (reads only) and answers the writes that bring them
 * to `source`: create what is missing, patch additive table changes, create or update views in
 * dependency order. Refused, with every reason and before any write, when a table change is not
 * additive, the dataset sits in another location, or the views cannot be ordered.
 */
export async function planMigration(
  warehouse: Warehouse,
  source: WarehouseSource,
  target: WarehouseTarget,
): Promise<MigrationPlan> {
  const order = orderViews(
    source.views,
    source.tables.map((table) => table.id),
  );
  if (!order.ok) {
    return { ok: false, issues: order.issues };
  }
  const dataset = await warehouse.readDataset();
  const issues: string[] = [];
  if (dataset !== undefined && dataset.location.toLowerCase() !== target.location.toLowerCase()) {
    issues.push(
      `dataset ${target.dataset} is in ${dataset.location}, not ${target.location}; a dataset cannot move`,
    );
  }
  const read = async (id: string): Promise<TableResource | undefined> =>
    dataset === undefined ? undefined : warehouse.readTable(id);
  const steps: MigrationStep[] =
    dataset === undefined ? [{ kind: 'createDataset', location: target.location }] : [];
  for (const { id, body } of source.tables) {
    const existing = await read(id);
    if (existing === undefined) {
      steps.push({ kind: 'createTable', id, body });
      continue;
    }
    const change = tableChange(id, existing, body);
    if (!change.ok) {
      issues.push(...change.issues);
    } else if (change.patch !== undefined) {
      steps.push({ kind: 'patchTable', id, body: change.patch, added: change.added });
    }
  }
  for (const view of order.views) {
    const step = viewStep(
      view.name,
      viewQuery(view.sql, target.project, target.dataset),
      await read(view.name),
    );
    if (typeof step === 'string') {
      issues.push(step);
    } else if (step !== undefined) {
      steps.push(step);
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, steps };
}

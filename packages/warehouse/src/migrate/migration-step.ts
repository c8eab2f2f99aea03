import type { TableResource } from './table-resource.ts';
import type { Warehouse } from './warehouse.ts';

/** One write a migration makes, in the order it makes them. */
export type MigrationStep =
  | { readonly kind: 'createDataset'; readonly location: string }
  | { readonly kind: 'createTable'; readonly id: string; readonly body: TableResource }
  | {
      readonly kind: 'patchTable';
      readonly id: string;
      readonly body: TableResource;
      readonly added: readonly string[];
    }
  | { readonly kind: 'createView'; readonly id: string; readonly query: string }
  | { readonly kind: 'updateView'; readonly id: string; readonly query: string };

/** One line of the printed plan. */
export function describeStep(step: MigrationStep): string {
  switch (step.kind) {
    case 'createDataset':
      return `create dataset in ${step.location}`;
    case 'createTable':
      return `create table ${step.id}`;
    case 'patchTable':
      return step.added.length === 0
        ? `patch table ${step.id} (descriptions or modes)`
        : `patch table ${step.id}: add ${step.added.join(', ')}`;
    case 'createView':
      return `create view ${step.id}`;
    case 'updateView':
      return `update view ${step.id} (its SQL changed)`;
  }
}

const viewBody = (query: string): TableResource => ({ view: { query, useLegacySql: false } });

/** Makes one step's write. */
export async function applyStep(warehouse: Warehouse, step: MigrationStep): Promise<void> {
  switch (step.kind) {
    case 'createDataset':
      return warehouse.createDataset(step.location);
    case 'createTable':
      return warehouse.createTable(step.id, step.body);
    case 'patchTable':
      return warehouse.patchTable(step.id, step.body);
    case 'createView':
      return warehouse.createTable(step.id, viewBody(step.query));
    case 'updateView':
      return warehouse.patchTable(step.id, viewBody(step.query));
  }
}

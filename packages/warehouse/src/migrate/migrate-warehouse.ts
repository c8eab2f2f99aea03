import { applyStep, type MigrationStep } from './migration-step.ts';
import { planMigration, type WarehouseSource, type WarehouseTarget } from './plan-migration.ts';
import type { Warehouse } from './warehouse.ts';

export type MigrationResult =
  | {
      readonly ok: true;
      readonly steps: readonly MigrationStep[];
      /** Whether the steps were made (false on a dry run). */
      readonly applied: boolean;
      readonly issues?: never;
    }
  | { readonly ok: false; readonly issues: readonly string[]; readonly steps?: never };

/**
 * Plans the migration and, unless `dryRun`, makes its writes one by one in plan order. A refused
 * plan makes no write at all. A second run after a successful one plans nothing.
 */
export async function migrateWarehouse(
  warehouse: Warehouse,
  source: WarehouseSource,
  target: WarehouseTarget,
  options: { readonly dryRun: boolean },
): Promise<MigrationResult> {
  const plan = await planMigration(warehouse, source, target);
  if (!plan.ok) {
    return plan;
  }
  if (!options.dryRun) {
    for (const step of plan.steps) {
      await applyStep(warehouse, step);
    }
  }
  return { ok: true, steps: plan.steps, applied: !options.dryRun };
}

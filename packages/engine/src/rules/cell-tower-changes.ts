import { usageAnomaly } from './usage-anomaly.ts';

/**
 * `cellTowerChanges` — far more serving-cell changes in 24 h than the subscriber's usual day (a
 * SIM moved to another handset and carried around, or a device hopping towers).
 */
export const cellTowerChanges = usageAnomaly({
  kind: 'cellTowerChanges',
  code: 'CELL_TOWER_CHANGES_ANOMALY',
  noun: 'cell tower changes',
  last24h: 'cellTowerChanges24h',
  usualPerDay: 'usualCellTowerChangesPerDay',
});

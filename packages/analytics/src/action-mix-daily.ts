import type { DedupedDecision } from './decisions-dedup.ts';
import { groupRows } from './group-rows.ts';
import type { Action } from './rows.ts';
import { utcDay } from './utc-day.ts';

/** A row of view `action_mix_daily`. */
export interface ActionMixDaily {
  tenantId: string;
  day: string;
  action: Action;
  decisions: number;
}

/** How many decisions of each action, by tenant and UTC day of decidedAt. */
export function actionMixDaily(decisions: readonly DedupedDecision[]): ActionMixDaily[] {
  return groupRows(decisions, (d) => [d.tenantId, utcDay(d.decidedAt), d.action] as const).map(
    ({ key: [tenantId, day, action], rows }) => ({ tenantId, day, action, decisions: rows.length }),
  );
}

import { eventsOf, type EventLog, type LoggedScreen } from './event-log.ts';
import type { ScreenRoles } from './screen-roles.ts';
import { normalisedEntropy } from './statistics.ts';

export interface NavigationFeatures {
  readonly screens_visited_count: number;
  readonly navigation_depth_max: number;
  readonly back_navigation_count: number;
  readonly time_on_dashboard_ms: number;
  readonly time_on_transfer_ms: number;
  readonly direct_to_transfer: number;
  readonly form_field_order_entropy: number;
  readonly session_revisit_count: number;
  readonly exploratory_ratio: number;
}

/** Screen visits in order; calling `screen(name)` again for the screen showing is not a visit. */
export function screenVisits(log: EventLog): LoggedScreen[] {
  return eventsOf(log, 'screen').filter((s, i, all) => all[i - 1]?.name !== s.name);
}

/** Total time on screens named `name`: each visit lasts until the next one or the session's end. */
export function timeOn(visits: readonly LoggedScreen[], name: string, end: number): number {
  let total = 0;
  visits.forEach((v, i) => {
    if (v.name === name) {
      total += (visits[i + 1]?.t ?? end) - v.t;
    }
  });
  return total;
}

/**
 * SHIELD's navigation group. Screens form a stack: going to a screen already on it is a back
 * navigation (it pops to it), any other visit pushes; depth is the stack's height. A revisit is a
 * forward visit to a screen seen before. Direct to transfer is 1 when at most one screen came
 * before the first transfer screen. Field order entropy is the normalised entropy of the steps
 * between consecutively focused fields (document order): 0 filling a form top to bottom.
 * Exploratory ratio: visits to screens other than the first one, the dashboard, transfer and OTP
 * screens, over all visits. All 0 without `screen()` calls or focused fields.
 */
export function navigationFeatures(
  log: EventLog,
  roles: ScreenRoles,
  end: number,
): NavigationFeatures {
  const visits = screenVisits(log);
  const stack: string[] = [];
  const seen = new Set<string>();
  let depthMax = 0;
  let backs = 0;
  let revisits = 0;
  for (const { name } of visits) {
    const at = stack.indexOf(name);
    if (at >= 0) {
      stack.length = at + 1;
      backs += 1;
    } else {
      stack.push(name);
      revisits += seen.has(name) ? 1 : 0;
    }
    seen.add(name);
    depthMax = Math.max(depthMax, stack.length);
  }

  const firstTransfer = visits.findIndex((v) => v.name === roles.transfer);
  const taskScreens = new Set([visits[0]?.name, roles.dashboard, roles.transfer, roles.otp]);
  const exploring = visits.filter((v) => !taskScreens.has(v.name)).length;

  const fields = eventsOf(log, 'focus')
    .map((f) => f.field)
    .filter((f, i, all) => all[i - 1] !== f);
  const steps = fields.slice(1).map((f, i) => f - (fields[i] as number));

  return {
    screens_visited_count: seen.size,
    navigation_depth_max: depthMax,
    back_navigation_count: backs,
    time_on_dashboard_ms: timeOn(visits, roles.dashboard, end),
    time_on_transfer_ms: timeOn(visits, roles.transfer, end),
    direct_to_transfer: firstTransfer >= 0 && firstTransfer <= 1 ? 1 : 0,
    form_field_order_entropy: normalisedEntropy(steps, steps.length),
    session_revisit_count: revisits,
    exploratory_ratio: visits.length === 0 ? 0 : exploring / visits.length,
  };
}

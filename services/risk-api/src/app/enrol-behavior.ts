import { fitBaseline, MIN_BASELINE_SESSIONS, type BehaviorBaseline } from '@sentinel/engine';
import type { Clock } from '@sentinel/kernel';
import type { BehaviorStore, ForTenant, TenantId } from '@sentinel/store';

export type EnrolResult =
  | { readonly ok: true; readonly baseline: BehaviorBaseline; readonly reason?: never }
  | {
      readonly ok: false;
      readonly reason: 'NOT_ENOUGH_SESSIONS';
      readonly sessions: number;
      readonly minSessions: number;
    }
  | { readonly ok: false; readonly reason: 'DEGENERATE'; readonly sessions: number };

/**
 * `POST /v1/users/{userId}/behavior/enroll` as a use case: fits a baseline from every kept session
 * (SPEC §6: at least 10) with the engine and stores it as the user's next version. The next
 * payment of the user is scored against it (the hot path reads the current version).
 */
export function createEnrolBehavior(deps: {
  readonly store: ForTenant<BehaviorStore>;
  readonly clock: Pick<Clock, 'now'>;
}) {
  return async function enrolBehavior(tenant: TenantId, userId: string): Promise<EnrolResult> {
    const store = deps.store.forTenant(tenant);
    const sessions = await store.listSessions(userId);
    if (sessions.length < MIN_BASELINE_SESSIONS) {
      return {
        ok: false,
        reason: 'NOT_ENOUGH_SESSIONS',
        sessions: sessions.length,
        minSessions: MIN_BASELINE_SESSIONS,
      };
    }
    const fitted = fitBaseline(sessions, { fittedAt: deps.clock.now() });
    if (!fitted.ok) {
      // Stored sessions passed the schema check on the way in; the one remaining failure is data
      // without any spread (every session identical). Anything else is a bug: say so loudly.
      if (fitted.issues.every((i) => i.code === 'BEHAVIOR.DEGENERATE')) {
        return { ok: false, reason: 'DEGENERATE', sessions: sessions.length };
      }
      throw new Error(`stored sessions do not fit: ${fitted.issues.map((i) => i.code).join(', ')}`);
    }
    return { ok: true, baseline: await store.saveBaseline(userId, fitted.baseline) };
  };
}

export type EnrolBehavior = ReturnType<typeof createEnrolBehavior>;

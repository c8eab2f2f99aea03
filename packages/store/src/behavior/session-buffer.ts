import type { SessionsAdded } from '../ports/behavior-store.ts';

/**
 * Sessions kept per user. A baseline needs ≥ 10 (SPEC §6) and fitting 500 takes well under a
 * second; 500 × 55 doubles is 220 KB, within one Firestore document (1 MiB).
 */
export const BEHAVIOR_SESSIONS_KEPT = 500;

/**
 * Appends `added` to `current` (oldest first) and drops the oldest beyond the bound. All sessions
 * of a user have one length (the feature schema's); kept sessions of another length (an older
 * schema) are dropped too. Throws a RangeError when `added` mixes lengths (a caller's bug).
 */
export function appendSessions(
  current: readonly (readonly number[])[],
  added: readonly (readonly number[])[],
): { readonly sessions: readonly (readonly number[])[]; readonly result: SessionsAdded } {
  const width = added[0]?.length;
  if (added.some((s) => s.length !== width)) {
    throw new RangeError('sessions of one call must all have the same number of features');
  }
  const compatible = current.filter((s) => s.length === width);
  const all = [...compatible, ...added];
  const overflow = Math.max(0, all.length - BEHAVIOR_SESSIONS_KEPT);
  const sessions = all.slice(overflow);
  const dropped = overflow + current.length - compatible.length;
  return { sessions, result: { added: added.length, total: sessions.length, dropped } };
}

import type { BehaviorBaseline } from '@sentinel/engine';

/** What `addSessions` did: how many sessions were added, how many are kept, how many dropped. */
export interface SessionsAdded {
  readonly added: number;
  /** Sessions kept for the user after the call (at most `BEHAVIOR_SESSIONS_KEPT`). */
  readonly total: number;
  /** The oldest sessions dropped to stay within the bound. */
  readonly dropped: number;
}

/**
 * A user's legitimate behaviour sessions and fitted baselines (SPEC §6). Sessions are vectors in
 * the engine's schema order (`BEHAVIOR_SCHEMA`), validated before they get here. The hot path
 * reads the current baseline through `PayerSnapshots.readSnapshot`, not through this port.
 */
export interface BehaviorStore {
  /** Appends sessions; keeps the newest `BEHAVIOR_SESSIONS_KEPT`, oldest dropped first. */
  addSessions(userId: string, sessions: readonly (readonly number[])[]): Promise<SessionsAdded>;
  /** The kept sessions, oldest first; empty for a user without any. */
  listSessions(userId: string): Promise<readonly (readonly number[])[]>;
  /**
   * Stores a fitted baseline as the user's current one. The store assigns the version (the
   * previous one + 1, from 1), as for policies, and keeps every version for audit: a decision
   * names the version it was scored against. Returns the baseline as stored.
   */
  saveBaseline(userId: string, baseline: BehaviorBaseline): Promise<BehaviorBaseline>;
  /** The current baseline, or the given version; null when there is none. */
  getBaseline(userId: string, version?: number): Promise<BehaviorBaseline | null>;
}

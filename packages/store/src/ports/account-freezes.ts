/**
 * An account's freeze state. `frozen` says whether payments are denied (`ACCOUNT_FROZEN`); the other
 * fields describe the latest freeze and unfreeze, absent when there never was one.
 */
export interface AccountFreeze {
  readonly frozen: boolean;
  readonly frozenAt?: Date;
  /** The decision that froze the account. */
  readonly decisionId?: string;
  /** Its reason code (`BEHAVIOR_ANOMALY`, `FLEET_ANOMALY`, …). */
  readonly reason?: string;
  readonly unfrozenAt?: Date;
  /** The admin client that unfroze it. */
  readonly unfrozenBy?: string;
  readonly comment?: string;
}

export const NEVER_FROZEN: AccountFreeze = { frozen: false };

/** A decision's order to freeze one account. */
export interface FreezeOrder {
  readonly userId: string;
  readonly decisionId: string;
  readonly reason: string;
  /** When the decision was made. */
  readonly at: Date;
}

/** An admin's unfreeze. */
export interface UnfreezeOrder {
  readonly userId: string;
  readonly by: string;
  readonly at: Date;
  readonly comment?: string;
}

/**
 * Account freezes (SHIELD's "block and freeze", the fleet rule). Frozen by decisions, off the hot
 * path (outbox delivery, retried); unfrozen only by an admin. The hot path reads the state through
 * `PayerSnapshots.readSnapshot`.
 */
export interface AccountFreezes {
  /**
   * Idempotent: an account already frozen keeps its first freeze, and a freeze decided at or
   * before the latest unfreeze is ignored — a re-delivered decision never undoes an admin's
   * unfreeze.
   */
  freezeAccount(order: FreezeOrder): Promise<void>;
  /** Idempotent: unfreezing an account that is not frozen changes nothing. Returns the state. */
  unfreezeAccount(order: UnfreezeOrder): Promise<AccountFreeze>;
  getAccountFreeze(userId: string): Promise<AccountFreeze>;
}

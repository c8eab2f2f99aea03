import type { AccountFreeze, FreezeOrder, UnfreezeOrder } from '../ports/account-freezes.ts';

/**
 * The freeze a decision orders, or null when nothing changes: the account is frozen already (the
 * first freeze is kept), or the decision was made at or before the latest unfreeze (a re-delivered
 * decision must not undo an admin's unfreeze).
 */
export function applyFreeze(current: AccountFreeze, order: FreezeOrder): AccountFreeze | null {
  if (current.frozen) {
    return null;
  }
  if (current.unfrozenAt !== undefined && order.at.getTime() <= current.unfrozenAt.getTime()) {
    return null;
  }
  return {
    frozen: true,
    frozenAt: order.at,
    decisionId: order.decisionId,
    reason: order.reason,
  };
}

/** An admin's unfreeze; null when the account is not frozen (idempotent). */
export function applyUnfreeze(current: AccountFreeze, order: UnfreezeOrder): AccountFreeze | null {
  if (!current.frozen) {
    return null;
  }
  return {
    ...current,
    frozen: false,
    unfrozenAt: order.at,
    unfrozenBy: order.by,
    ...(order.comment === undefined ? {} : { comment: order.comment }),
  };
}

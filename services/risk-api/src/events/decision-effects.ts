import type { DecisionRecord } from '@sentinel/contracts';
import type { FreezeOrder } from '@sentinel/store';
import type { SightingUpdate } from '@sentinel/store';

/**
 * The device sighting one recorded decision leaves (fleet rule): this account on this device at
 * decision time. Every decision counts, whatever its action — a denied attempt is the fleet's
 * footprint too. Idempotent downstream on `decisionId`.
 */
export function toSightingUpdate(record: DecisionRecord): SightingUpdate {
  return {
    deviceId: record.deviceId,
    userId: record.userId,
    at: record.decidedAt,
    decisionId: record.decision.decisionId,
  };
}

/** The freezes one recorded decision orders (see app/freeze-plan.ts); none for most. */
export function toFreezeOrders(record: DecisionRecord): FreezeOrder[] {
  const freezes = record.freezes;
  if (freezes === undefined) {
    return [];
  }
  return freezes.userIds.map((userId) => ({
    userId,
    decisionId: record.decision.decisionId,
    reason: freezes.reason,
    at: record.decidedAt,
  }));
}

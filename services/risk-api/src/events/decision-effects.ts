import type { DecisionRecord } from '@sentinel/contracts';
import type { FreezeOrder, HistoryUpdate, SightingUpdate } from '@sentinel/store';

/** The store writes one recorded decision asks for, each idempotent on its decision id. */
export interface EffectWrites {
  /** null: nothing to remember (a record written before effects were recorded). */
  readonly history: HistoryUpdate | null;
  /** null: the engine left no sighting (the payer is no known customer, or a degraded answer). */
  readonly sighting: SightingUpdate | null;
  readonly freezes: readonly FreezeOrder[];
}

/**
 * The writes of a recorded decision: exactly its `effects` as the engine stated them, with the
 * decision's id and time added. Nothing is decided here — which accounts freeze, what the history
 * learns and whether a sighting is left are the engine's answer.
 */
export function effectWrites(record: DecisionRecord): EffectWrites {
  const { effects } = record;
  if (effects === undefined) {
    return { history: null, sighting: null, freezes: [] };
  }
  const decisionId = record.decision.decisionId;
  return {
    history: { ...effects.history, payment: { ...effects.history.payment, decisionId } },
    sighting: effects.sighting === null ? null : { ...effects.sighting, decisionId },
    freezes: effects.freezes.map(({ userId, reason }) => ({
      userId,
      reason,
      decisionId,
      at: record.decidedAt,
    })),
  };
}

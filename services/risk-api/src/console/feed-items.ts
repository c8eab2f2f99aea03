import type { FeedItem } from '@sentinel/console';
import type { DecisionEvent, EscrowEvent, OutcomeEvent } from '@sentinel/contracts';

const iso = (micros: number) => new Date(Math.floor(micros / 1000)).toISOString();

/** A `risk-decisions` event as the analyst's feed shows it (pseudonymised keys only). */
export function decisionItem(e: DecisionEvent): FeedItem {
  return {
    type: 'decision',
    decision: {
      decisionId: e.decisionId,
      transactionId: e.transactionId,
      // Events before schemaVersion 3 have no tenant: their client is their tenant.
      tenantId: e.tenantId ?? e.clientId,
      clientId: e.clientId,
      decidedAt: iso(e.decidedAt),
      action: e.action,
      riskScore: e.riskScore,
      riskLevel: e.riskLevel,
      reasons: e.reasons.map((r) => ({ code: r.code, weight: r.weight })),
      stepUpMethods: [...e.stepUpMethods],
      escrowHeld: e.escrowHeld,
      escrowId: e.escrowId,
      freeze: e.freeze,
      amountMinor: e.amountMinor,
      currency: e.currency,
      channel: e.channel,
      policyId: e.policyId,
      policyVersion: e.policyVersion,
      latencyMs: e.latencyMs,
      simSwapFreshness: e.simSwapFreshness,
      simSwapAgeHours: e.simSwapAgeHours,
      behaviorScore: e.behaviorScore,
      userKey: e.userKey,
    },
  };
}

/** A `risk-outcomes` event: a step-up result (auth service or bank) or a bank's label. */
export function outcomeItem(e: OutcomeEvent): FeedItem {
  return {
    type: 'outcome',
    outcome: {
      decisionId: e.decisionId,
      tenantId: e.tenantId,
      status: e.status,
      source: e.source,
      method: e.method,
      completedAt: iso(e.completedAt),
    },
  };
}

/** An `escrow-events` transition of a hold. */
export function escrowItem(e: EscrowEvent): FeedItem {
  return {
    type: 'escrow',
    escrow: {
      eventId: e.eventId,
      decisionId: e.decisionId,
      tenantId: e.tenantId,
      escrowId: e.escrowId,
      status: e.status,
      cause: e.cause,
      heldAt: e.heldAt.toISOString(),
      occurredAt: e.occurredAt.toISOString(),
      sequence: e.sequence,
    },
  };
}

/** The tenant whose analysts may see the item. */
export function itemTenant(item: FeedItem): string {
  switch (item.type) {
    case 'decision':
      return item.decision.tenantId;
    case 'outcome':
      return item.outcome.tenantId;
    case 'escrow':
      return item.escrow.tenantId;
  }
}

import type { AnalyticsTables } from '@sentinel/analytics';
import type { FeedDecision, FeedEscrow, FeedItem, FeedOutcome } from '../../analyst-feed.ts';

/** At most this many decisions are kept in the page (the feed window). */
export const MAX_DECISIONS = 1_000;

/** What the page has received: decisions newest first, and what happened to them since. */
export interface FeedState {
  readonly decisions: readonly FeedDecision[];
  readonly outcomes: ReadonlyMap<string, readonly FeedOutcome[]>;
  readonly escrows: ReadonlyMap<string, readonly FeedEscrow[]>;
  /** Items the server dropped because this page read too slowly. */
  readonly dropped: number;
  /** A reconnect could not replay everything missed. */
  readonly gap: boolean;
  /** When each decision arrived in this page (performance.now()), for the delay it took. */
  readonly arrivedAt: ReadonlyMap<string, number>;
}

export const EMPTY_FEED: FeedState = {
  decisions: [],
  outcomes: new Map(),
  escrows: new Map(),
  dropped: 0,
  gap: false,
  arrivedAt: new Map(),
};

export type FeedAction =
  | { readonly type: 'item'; readonly item: FeedItem; readonly at: number }
  | { readonly type: 'dropped'; readonly count: number }
  | { readonly type: 'gap' };

function append<V>(map: ReadonlyMap<string, readonly V[]>, key: string, value: V) {
  const next = new Map(map);
  next.set(key, [...(map.get(key) ?? []), value]);
  return next;
}

/** The page's one state transition: every feed event goes through here. */
export function feedReducer(state: FeedState, action: FeedAction): FeedState {
  switch (action.type) {
    case 'dropped':
      return { ...state, dropped: state.dropped + action.count };
    case 'gap':
      return { ...state, gap: true };
    case 'item': {
      const { item } = action;
      switch (item.type) {
        case 'decision': {
          const d = item.decision;
          // At least once: a redelivered or replayed decision is shown once.
          if (state.arrivedAt.has(d.decisionId)) {
            return state;
          }
          const arrivedAt = new Map(state.arrivedAt).set(d.decisionId, action.at);
          const decisions = [d, ...state.decisions];
          const evicted = decisions.splice(MAX_DECISIONS);
          if (evicted.length === 0) {
            return { ...state, decisions, arrivedAt };
          }
          // What falls out of the window takes its outcomes and holds with it.
          const outcomes = new Map(state.outcomes);
          const escrows = new Map(state.escrows);
          for (const gone of evicted) {
            arrivedAt.delete(gone.decisionId);
            outcomes.delete(gone.decisionId);
            escrows.delete(gone.decisionId);
          }
          return { ...state, decisions, arrivedAt, outcomes, escrows };
        }
        case 'outcome':
          return {
            ...state,
            outcomes: append(state.outcomes, item.outcome.decisionId, item.outcome),
          };
        case 'escrow':
          return { ...state, escrows: append(state.escrows, item.escrow.decisionId, item.escrow) };
      }
    }
  }
}

/**
 * The feed window as the analytics tables' rows, so the KPIs are `@sentinel/analytics`' own
 * (docs/analytics.md). Rows arrive once per item here; the views deduplicate anyway.
 */
export function toTables(state: FeedState): AnalyticsTables {
  const meta = { publish_time: null, message_id: null };
  return {
    decisions: state.decisions.map((d) => ({
      ...meta,
      decisionId: d.decisionId,
      tenantId: d.tenantId,
      clientId: d.clientId,
      decidedAt: new Date(d.decidedAt),
      action: d.action,
      reasons: d.reasons,
      policyId: d.policyId,
      policyVersion: d.policyVersion,
      latencyMs: d.latencyMs,
    })),
    outcomes: [...state.outcomes.values()].flat().map((o) => ({
      ...meta,
      decisionId: o.decisionId,
      tenantId: o.tenantId,
      status: o.status,
      source: o.source,
      completedAt: new Date(o.completedAt),
    })),
    escrow_events: [...state.escrows.values()].flat().map((e) => ({
      ...meta,
      tenantId: e.tenantId,
      escrowId: e.escrowId,
      decisionId: e.decisionId,
      status: e.status,
      cause: e.cause,
      heldAt: new Date(e.heldAt),
      occurredAt: new Date(e.occurredAt),
      sequence: e.sequence,
    })),
  };
}

/** Where a decision stands now, from its own action and what arrived later. */
export function latestState(
  d: FeedDecision,
  outcomes: readonly FeedOutcome[],
  escrows: readonly FeedEscrow[],
): string {
  const hold = escrows.toSorted((a, b) => b.sequence - a.sequence)[0];
  const outcome = outcomes.at(-1);
  const parts = [
    d.freeze ? 'account frozen' : '',
    d.stepUpMethods.length > 0 ? `step-up: ${d.stepUpMethods.join(', ')}` : '',
    outcome === undefined ? '' : `${outcome.status} (${outcome.source.toLowerCase()})`,
    hold !== undefined ? `hold ${hold.status}${hold.cause === null ? '' : ` (${hold.cause})`}` : '',
    hold === undefined && d.escrowHeld ? 'hold HELD' : '',
  ];
  return parts.filter((p) => p !== '').join(' · ');
}

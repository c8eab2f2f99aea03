/**
 * The columns of the BigQuery tables (infra/bigquery/*.json) that the KPIs read, with the same
 * names; TIMESTAMP columns are `Date`. Rows may carry any other column too.
 */
export type Action = 'APPROVE' | 'STEP_UP' | 'DENY';

export interface PubSubMetadata {
  /** Null only if written without write_metadata; sorts first, as in BigQuery. */
  publish_time: Date | null;
  message_id: string | null;
}

export interface DecisionRow extends PubSubMetadata {
  decisionId: string;
  /** Null before schemaVersion 3: the tenant is then `clientId`. */
  tenantId: string | null;
  clientId: string;
  decidedAt: Date;
  action: Action;
  reasons: readonly { code: string; weight: number }[];
  policyId: string;
  policyVersion: number;
  latencyMs: number;
}

export interface OutcomeRow extends PubSubMetadata {
  decisionId: string;
  tenantId: string;
  /** PASSED | FAILED | EXPIRED (step-up) or CONFIRMED_FRAUD | CONFIRMED_LEGITIMATE | CHARGEBACK. */
  status: string;
  /** Null in rows written before schemaVersion 2: read as AUTH. */
  source: string | null;
  completedAt: Date;
}

export interface EscrowEventRow extends PubSubMetadata {
  tenantId: string;
  escrowId: string;
  decisionId: string;
  /** HELD | RELEASED | REVERSED | EXPIRED */
  status: string;
  cause: string | null;
  heldAt: Date;
  occurredAt: Date;
  sequence: number;
}

/** The three tables, as the views read them. */
export interface AnalyticsTables {
  decisions: readonly DecisionRow[];
  outcomes: readonly OutcomeRow[];
  escrow_events: readonly EscrowEventRow[];
}

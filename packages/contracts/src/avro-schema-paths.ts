/** Where the decision event's Avro schema lives in the repository (infra/pubsub). */
export const DECISION_AVSC_PATH = new URL(
  '../../../infra/pubsub/risk-decision.avsc',
  import.meta.url,
);

/**
 * Earlier committed revisions of the schema, by schemaVersion: messages written with them may
 * still be in flight or retained, so every revision must resolve against the current one.
 */
export const DECISION_AVSC_REVISIONS = {
  2: new URL('../../../infra/pubsub/revisions/risk-decision.v2.avsc', import.meta.url),
} as const;

/** Where the step-up outcome event's Avro schema lives (infra/pubsub). */
export const OUTCOME_AVSC_PATH = new URL(
  '../../../infra/pubsub/risk-outcome.avsc',
  import.meta.url,
);

/** Earlier committed revisions of the outcome schema, by schemaVersion (see DECISION_AVSC_REVISIONS). */
export const OUTCOME_AVSC_REVISIONS = {
  1: new URL('../../../infra/pubsub/revisions/risk-outcome.v1.avsc', import.meta.url),
} as const;

/** Where the escrow event's Avro schema lives (infra/pubsub; topic escrow-events, issue 12). */
export const ESCROW_EVENT_AVSC_PATH = new URL(
  '../../../infra/pubsub/escrow-event.avsc',
  import.meta.url,
);

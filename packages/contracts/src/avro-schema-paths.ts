/** Where the decision event's Avro schema lives in the repository (infra/pubsub). */
export const DECISION_AVSC_PATH = new URL(
  '../../../infra/pubsub/risk-decision.avsc',
  import.meta.url,
);

// Public surface of @sentinel/contracts: one decision, its record and its event, as producers and
// consumers share them.
export * from './decision-schema.ts';
export * from './decision.ts';
export * from './enrolled-factors.ts';
export * from './decision-event-schema.ts';
export * from './immutable.ts';
export * from './decision-event.ts';
export * from './decision-events.ts';
export * from './avro-json.ts';
export * from './pseudonymiser.ts';
export * from './avro-schema-paths.ts';
export * from './step-up-challenge.ts';
export * from './client-secret.ts';
export * from './outcome-event.ts';

// Public surface of @sentinel/pubsub: what the services that produce events (risk-api, auth,
// escrow) share about Pub/Sub.
export * from './ensure-avro-topic.ts';
export * from './json-topic-publisher.ts';
export * from './outcome-publisher.ts';

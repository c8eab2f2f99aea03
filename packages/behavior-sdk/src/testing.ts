// Test support of @sentinel/behavior-sdk: synthetic event logs whose features are known by hand.
// Import from '@sentinel/behavior-sdk/testing', never from production code.
export * from './testing/synthetic-events.ts';
export * from './testing/synthetic-sessions.ts';

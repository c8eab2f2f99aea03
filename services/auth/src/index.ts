// Public surface of @sentinel/auth: the composition and the port the auth-factors module fills.
export * from './compose.ts';
export * from './config.ts';
export * from './factors-port.ts';
export type { AuthEnv } from './http/env.ts';
export * from './adapters/pubsub-outcome-publisher.ts';

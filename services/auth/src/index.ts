// Public surface of @sentinel/auth: the composition, its config and the factors port.
export * from './compose.ts';
export * from './config.ts';
export * from './factors-port.ts';
export type { AuthEnv } from './http/env.ts';
export { MemoryOutcomePublisher } from './adapters/memory-outcome-publisher.ts';
export type { OutcomePublisher } from './ports/outcome-publisher.ts';
export { createFactorService, type FactorServiceDeps } from './factors/index.ts';

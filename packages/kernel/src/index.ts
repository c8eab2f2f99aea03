// Public surface of @sentinel/kernel: the plumbing every service shares.
export * from './bounded-map.ts';
export * from './recent-list.ts';
export * from './clock.ts';
export * from './env-config.ts';
export * from './ids.ts';
export * from './keyed-serial.ts';
export * from './logger.ts';
export * from './with-deadline.ts';
export * from './work-through.ts';
export * from './token-bucket.ts';
export * from './exit-on-signals.ts';
export * from './buffer-memory.ts';
export * from './api-key-entries.ts';
export * from './http/docs-routes.ts';
export * from './http/problem-document.ts';
export * from './package-resolution.ts';

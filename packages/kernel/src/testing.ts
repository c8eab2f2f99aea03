// Test support of @sentinel/kernel: import from '@sentinel/kernel/testing', never from production code.
export * from './fake-clock.ts';
export * from './testing/chromium.ts';

// Test support of @sentinel/auth (import as '@sentinel/auth/testing').
export * from './testing/fake-factors.ts';
export * from './testing/fake-twilio.ts';
export * from './testing/harness.ts';
export { SoftwareAuthenticator } from './factors/testing/software-authenticator.ts';

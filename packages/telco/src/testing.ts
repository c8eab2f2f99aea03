// Test support of @sentinel/telco (import as '@sentinel/telco/testing'): fake operators at the
// HTTP boundary, a loopback server and a recording logger.
export * from './providers/testing/fake-camara-operator.ts';
export * from './providers/testing/fake-twilio.ts';
export * from './providers/testing/loopback-server.ts';
export * from './providers/testing/recording-logger.ts';

import { describe, expect, it } from 'vitest';
import { loadIngestionConfig } from './ingestion-config.ts';

describe('loadIngestionConfig', () => {
  it('local defaults: memory store, simulator, a local sink token (flagged), no subscriptions', () => {
    const loaded = loadIngestionConfig({ TELCO_STORE: 'memory' });
    expect(loaded.ok).toBe(true);
    expect(loaded.config).toMatchObject({
      store: 'memory',
      projectId: 'local',
      poll: {
        concurrency: 16,
        ratePerSecond: 50,
        attemptTimeoutMs: 3_000,
        maxAttempts: 3,
        maxDurationMs: 240_000,
      },
      webhook: { sinkTokens: ['local-sink-token'] },
      subscriptions: null,
      logLevel: 'info',
      insecureDefaults: ['TELCO_SIMULATOR_STATIC_TOKEN', 'TELCO_WEBHOOK_TOKENS'],
    });
  });

  it('subscriptions through the simulator: the base URL follows from the provider', () => {
    const loaded = loadIngestionConfig({
      GOOGLE_CLOUD_PROJECT: 'demo-sentinel',
      TELCO_SUBSCRIPTIONS_PROVIDER: 'simulator',
      TELCO_WEBHOOK_URL: 'http://127.0.0.1:8084/camara/webhook',
      TELCO_WEBHOOK_TOKENS: 'new-token-0123456789, old-token-0123456789',
    });
    expect(loaded.config).toMatchObject({
      store: 'firestore',
      projectId: 'demo-sentinel',
      webhook: { sinkTokens: ['new-token-0123456789', 'old-token-0123456789'] },
      subscriptions: {
        providerId: 'simulator',
        baseUrl: 'http://127.0.0.1:8083/sim-swap-subscriptions/v0.3',
        sinkUrl: 'http://127.0.0.1:8084/camara/webhook',
        sinkTokenTtlMs: 720 * 3_600_000,
      },
    });
  });

  it('lists every problem at once', () => {
    const loaded = loadIngestionConfig({
      K_SERVICE: 'telco-ingestion',
      TELCO_STORE: 'sqlite',
      TELCO_POLL_CONCURRENCY: '0',
      TELCO_SUBSCRIPTIONS_PROVIDER: 'simulator',
      TELCO_WEBHOOK_URL: 'http://sentinel.example/hook',
      LOG_LEVEL: 'loud',
    });
    expect(loaded.ok).toBe(false);
    expect(loaded.issues).toEqual([
      'TELCO_STORE: must be firestore or memory',
      'GOOGLE_CLOUD_PROJECT: required when TELCO_STORE=firestore',
      'TELCO_POLL_CONCURRENCY: must be an integer from 1 to 1000',
      'TELCO_WEBHOOK_TOKENS: required on Cloud Run (mount it from Secret Manager)',
      'TELCO_WEBHOOK_URL: must be https (http only on loopback)',
      'LOG_LEVEL: must be debug, info, warn or error',
    ]);
  });

  it('subscriptions need a CAMARA provider and a sink', () => {
    const loaded = loadIngestionConfig({
      TELCO_STORE: 'memory',
      TELCO_ROUTES: '*=twilio',
      TELCO_TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
      TELCO_TWILIO_AUTH_TOKEN: 't',
      TELCO_SUBSCRIPTIONS_PROVIDER: 'twilio',
    });
    expect(loaded.issues).toEqual([
      'TELCO_SUBSCRIPTIONS_PROVIDER: twilio is not a CAMARA provider in TELCO_ROUTES',
      'TELCO_SUBSCRIPTIONS_BASE_URL: required (not derivable from TELCO_TWILIO_BASE_URL)',
      'TELCO_WEBHOOK_URL: required with subscriptions',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { loadSimulatorConfig } from './config.ts';

describe('loadSimulatorConfig', () => {
  it('applies the documented defaults (local mode off Cloud Run)', () => {
    const r = loadSimulatorConfig({ GOOGLE_CLOUD_PROJECT: 'demo-local' });
    expect(r).toEqual({
      ok: true,
      config: {
        port: 8083,
        host: '0.0.0.0',
        store: 'firestore',
        projectId: 'demo-local',
        monitoredPeriodDays: 120,
        localMode: true,
        fixedTwoLeggedTokens: ['local-camara-token'],
        tokenTtlSeconds: 3600,
        rateLimit: { limit: 1000, windowMs: 1000 },
        eventSource: 'urn:sentinel:camara-simulator',
        delivery: { attempts: 4, baseDelayMs: 250, timeoutMs: 5000 },
        accessTokenLeadMs: 60_000,
        sweepIntervalMs: 1000,
        logLevel: 'info',
      },
    });
  });

  it('reads every setting', () => {
    const r = loadSimulatorConfig({
      PORT: '9000',
      HOST: '127.0.0.1',
      SIMULATOR_STORE: 'memory',
      SIMULATOR_MONITORED_PERIOD_DAYS: 'unlimited',
      SIMULATOR_TWO_LEGGED_TOKENS: 'a-token, b-token',
      SIMULATOR_RATE_LIMIT: '0',
      SIMULATOR_DEMO_KEY: 'demo-key-0123456789',
      SIMULATOR_DELIVERY_ATTEMPTS: '2',
      LOG_LEVEL: 'debug',
    });
    expect(r.config).toMatchObject({
      port: 9000,
      host: '127.0.0.1',
      store: 'memory',
      projectId: 'local',
      monitoredPeriodDays: null,
      fixedTwoLeggedTokens: ['a-token', 'b-token'],
      rateLimit: null,
      demoKey: 'demo-key-0123456789',
      delivery: { attempts: 2 },
      logLevel: 'debug',
    });
  });

  it('turns local mode off on Cloud Run, where there is no default token', () => {
    const r = loadSimulatorConfig({
      K_SERVICE: 'sim',
      GOOGLE_CLOUD_PROJECT: 'p',
      SIMULATOR_DEMO_KEY: 'demo-key-0123456789',
    });
    expect(r.config).toMatchObject({ localMode: false, fixedTwoLeggedTokens: [] });
  });

  it('lists every problem at once', () => {
    const invalid = loadSimulatorConfig({ PORT: '-1', SIMULATOR_MONITORED_PERIOD_DAYS: 'forever' });
    // Malformed fields and missing ones come together (the project is missing too).
    expect(invalid.issues).toEqual([
      expect.stringMatching(/^PORT:/),
      expect.stringMatching(/^SIMULATOR_MONITORED_PERIOD_DAYS:/),
      'GOOGLE_CLOUD_PROJECT: required when SIMULATOR_STORE=firestore',
    ]);
    const unsafe = loadSimulatorConfig({
      SIMULATOR_LOCAL_MODE: 'false',
      SIMULATOR_TWO_LEGGED_TOKENS: 'local-camara-token',
    });
    expect(unsafe.issues).toEqual([
      'SIMULATOR_TWO_LEGGED_TOKENS: local-camara-token is for local mode only',
      'SIMULATOR_DEMO_KEY: required outside local mode (it guards the demo endpoints)',
      'GOOGLE_CLOUD_PROJECT: required when SIMULATOR_STORE=firestore',
    ]);
  });
});

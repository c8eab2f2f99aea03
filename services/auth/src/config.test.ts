import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

const base = { SENTINEL_STORE: 'memory', SENTINEL_API_KEYS: 'bank:bank-key-0001' };

describe('the auth service’s loadConfig', () => {
  it('applies the documented defaults, with insecure local secrets named', () => {
    const r = loadConfig(base);
    expect(r.ok).toBe(true);
    expect(r.config).toMatchObject({
      port: 8081,
      store: 'memory',
      keys: [{ tenant: 'bank', key: 'bank-key-0001' }],
      rp: {
        id: 'localhost',
        name: 'Sentinel',
        origins: ['http://localhost:8081'],
        topOrigins: [],
      },
      twilio: null,
      emailOtpTenants: [],
      demoEnrolmentTenant: null,
      frameAncestors: [],
      outcomesTopic: 'risk-outcomes',
      sweepMs: 10_000,
      sweepToken: null,
      insecureDefaults: ['SENTINEL_STEP_UP_SECRET', 'AUTH_TOTP_KEY'],
    });
    expect(r.config?.totpKey).toHaveLength(32);
    // The local TOTP key is stable across restarts (enrolments survive).
    expect(loadConfig(base).config?.totpKey).toEqual(r.config?.totpKey);
  });

  it.each([
    [{ PORT: '9090' }, 9090],
    [{ PORT: '9090', AUTH_PORT: '8089' }, 8089],
    [{}, 8081],
  ])('listens on AUTH_PORT, else PORT (Cloud Run, the image), else 8081: %j', (env, port) => {
    expect(loadConfig({ ...base, ...env }).config?.port).toBe(port);
  });

  it('reads the origins that may frame the step-up page, refusing what is not an origin', () => {
    expect(
      loadConfig({ ...base, AUTH_FRAME_ANCESTORS: 'http://localhost:8080,http://127.0.0.1:8080' })
        .config?.frameAncestors,
    ).toEqual(['http://localhost:8080', 'http://127.0.0.1:8080']);
    expect(
      loadConfig({ ...base, AUTH_FRAME_ANCESTORS: 'http://localhost:8080/console' }).issues,
    ).toEqual([
      'AUTH_FRAME_ANCESTORS: not an origin (scheme://host[:port]): http://localhost:8080/console',
    ]);
  });

  it('reads Twilio, e-mail tenants and the keys', () => {
    const r = loadConfig({
      ...base,
      SENTINEL_STEP_UP_SECRET: 'a-step-up-secret-of-length',
      AUTH_TOTP_KEY: Buffer.alloc(32, 1).toString('base64'),
      TWILIO_ACCOUNT_SID: 'AC123',
      TWILIO_AUTH_TOKEN: 'token',
      TWILIO_VERIFY_SERVICE_SID: 'VA123',
      TWILIO_BASE_URL: 'http://127.0.0.1:9999/',
      AUTH_EMAIL_OTP_TENANTS: 'bank, other',
    });
    expect(r.config).toMatchObject({
      twilio: {
        accountSid: 'AC123',
        authToken: 'token',
        serviceSid: 'VA123',
        baseUrl: 'http://127.0.0.1:9999',
      },
      emailOtpTenants: ['bank', 'other'],
      insecureDefaults: [],
    });
    expect(r.config?.stepUpSecret.toString('utf8')).toBe('a-step-up-secret-of-length');
  });

  it('lists every problem at once, refuses local defaults on Cloud Run, never echoes a secret', () => {
    const r = loadConfig({
      K_SERVICE: 'auth',
      SENTINEL_STORE: 'firestore',
      SENTINEL_API_KEYS: 'bank:short',
      AUTH_TOTP_KEY: Buffer.alloc(16).toString('base64'),
      TWILIO_ACCOUNT_SID: 'AC123',
      TWILIO_AUTH_TOKEN: 'secret-token-value',
      TWILIO_VERIFY_SERVICE_SID: 'VA1',
      TWILIO_BASE_URL: 'http://127.0.0.1:9999',
      AUTH_DEMO_ENROLMENT_TENANT: 'demo',
      AUTH_SWEEP_TOKEN: 'short-sweep-token',
    });
    expect(r.ok).toBe(false);
    expect(r.issues).toEqual([
      'AUTH_TOTP_KEY: must be 32 bytes, base64',
      'TWILIO_BASE_URL: is for a local fake only; unset it on Cloud Run',
      'AUTH_DEMO_ENROLMENT_TENANT: is for the local demo only; unset it on Cloud Run',
      'AUTH_SWEEP_TOKEN: must be at least 24 characters',
      'SENTINEL_API_KEYS: entry 1 has a key shorter than 8 characters',
      'SENTINEL_STEP_UP_SECRET: required on Cloud Run (mount it from Secret Manager)',
      'GOOGLE_CLOUD_PROJECT: required when SENTINEL_STORE=firestore',
    ]);
    expect(JSON.stringify(r.issues)).not.toContain('secret-token-value');
    expect(JSON.stringify(r.issues)).not.toContain('short-sweep-token');
  });

  it('wants the three Twilio variables together', () => {
    const r = loadConfig({ ...base, TWILIO_ACCOUNT_SID: 'AC1' });
    expect(r.issues).toEqual([
      'TWILIO_*: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_VERIFY_SERVICE_SID together',
    ]);
  });
});

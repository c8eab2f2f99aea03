import { describe, expect, it } from 'vitest';
import { loadProviderConfig, SIMULATOR_DEFAULTS } from './provider-config.ts';

const TWILIO_SID = `AC${'ab'.repeat(16)}`;

describe('loadProviderConfig', () => {
  it('defaults to the local simulator and its fixed token (flagged insecure)', () => {
    expect(loadProviderConfig({})).toEqual({
      ok: true,
      config: {
        routes: { routes: [], defaultProviderId: 'simulator' },
        providers: [
          {
            kind: 'camara',
            id: 'simulator',
            baseUrl: SIMULATOR_DEFAULTS.baseUrl,
            auth: { kind: 'static', token: 'local-camara-token' },
          },
        ],
        breaker: { failureThreshold: 5, coolDownMs: 30_000, minJudgedTimeoutMs: 250 },
        maxCallTimeoutMs: 5_000,
        insecureDefaults: ['TELCO_SIMULATOR_STATIC_TOKEN'],
      },
    });
  });

  it('reads a routing table over CAMARA (client credentials), Twilio and the simulator', () => {
    const loaded = loadProviderConfig({
      TELCO_ROUTES: '+27=camara-za,+1=twilio,*=simulator',
      TELCO_CAMARA_ZA_BASE_URL: 'https://api.operator.example/sim-swap/v2/',
      TELCO_CAMARA_ZA_TOKEN_URL: 'https://auth.operator.example/oauth/token',
      TELCO_CAMARA_ZA_CLIENT_ID: 'sentinel',
      TELCO_CAMARA_ZA_CLIENT_SECRET: 'secret',
      TELCO_TWILIO_ACCOUNT_SID: TWILIO_SID,
      TELCO_TWILIO_AUTH_TOKEN: 'token',
      TELCO_SIMULATOR_STATIC_TOKEN: 'sim-token',
      TELCO_BREAKER_FAILURES: '3',
      TELCO_BREAKER_COOLDOWN_MS: '5000',
    });
    expect(loaded.ok && loaded.config).toEqual({
      routes: {
        routes: [
          { prefix: '+27', providerId: 'camara-za' },
          { prefix: '+1', providerId: 'twilio' },
        ],
        defaultProviderId: 'simulator',
      },
      providers: [
        {
          kind: 'camara',
          id: 'camara-za',
          baseUrl: 'https://api.operator.example/sim-swap/v2',
          auth: {
            kind: 'client-credentials',
            tokenUrl: 'https://auth.operator.example/oauth/token',
            clientId: 'sentinel',
            clientSecret: 'secret',
            clientAuth: 'basic',
          },
        },
        { kind: 'twilio', id: 'twilio', accountSid: TWILIO_SID, authToken: 'token' },
        {
          kind: 'camara',
          id: 'simulator',
          baseUrl: SIMULATOR_DEFAULTS.baseUrl,
          auth: { kind: 'static', token: 'sim-token' },
        },
      ],
      breaker: { failureThreshold: 3, coolDownMs: 5_000, minJudgedTimeoutMs: 250 },
      maxCallTimeoutMs: 5_000,
      insecureDefaults: [],
    });
  });

  it('lists every problem at once, naming secrets without showing them', () => {
    const loaded = loadProviderConfig({
      TELCO_ROUTES: '+27=camara-za,+1=twilio,+44=other',
      TELCO_CAMARA_ZA_BASE_URL: 'not a url',
      TELCO_CAMARA_ZA_TOKEN_URL: 'https://auth.example/token',
      TELCO_CAMARA_ZA_CLIENT_AUTH: 'jwt',
      TELCO_TWILIO_ACCOUNT_SID: 'SK123',
      TELCO_OTHER_KIND: 'vonage',
      TELCO_BREAKER_FAILURES: '0',
    });
    expect(loaded.ok).toBe(false);
    expect(loaded.issues).toEqual([
      'TELCO_CAMARA_ZA_BASE_URL: not a URL',
      'TELCO_CAMARA_ZA_CLIENT_AUTH: must be basic or post',
      'TELCO_CAMARA_ZA_CLIENT_ID: required for provider camara-za',
      'TELCO_CAMARA_ZA_CLIENT_SECRET: required for provider camara-za',
      'TELCO_TWILIO_ACCOUNT_SID: must be AC followed by 32 hex digits',
      'TELCO_TWILIO_AUTH_TOKEN: required for provider twilio',
      'TELCO_OTHER_KIND: must be camara or twilio',
      'TELCO_BREAKER_FAILURES: must be an integer from 1 to 1000',
    ]);
  });

  it('a CAMARA provider other than the simulator needs a token URL or a static token', () => {
    expect(
      loadProviderConfig({
        TELCO_ROUTES: '*=camara-x',
        TELCO_CAMARA_X_BASE_URL: 'https://x.example/sim-swap/v2',
      }),
    ).toEqual({
      ok: false,
      issues: [
        'TELCO_CAMARA_X_TOKEN_URL: required for provider camara-x (or TELCO_CAMARA_X_STATIC_TOKEN)',
      ],
    });
  });

  it('reports a bad routing table', () => {
    expect(loadProviderConfig({ TELCO_ROUTES: '27=x' })).toEqual({
      ok: false,
      issues: ['TELCO_ROUTES: route 1 ("27=x"): the prefix must be + and 1–15 digits, or *'],
    });
  });
});

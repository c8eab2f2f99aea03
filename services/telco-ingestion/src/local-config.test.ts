import { describe, expect, it } from 'vitest';
import { loadLocalIngestionConfig } from './local-config.ts';

describe('loadLocalIngestionConfig', () => {
  it('reads the local server settings next to the ingestion ones', () => {
    expect(loadLocalIngestionConfig({ TELCO_STORE: 'memory' }).config).toMatchObject({
      ingestion: { store: 'memory', projectId: 'local' },
      port: 8084,
      host: '127.0.0.1',
      pollEveryMs: 60_000,
    });
    expect(
      loadLocalIngestionConfig({
        TELCO_STORE: 'memory',
        PORT: '9090',
        HOST: '0.0.0.0',
        TELCO_LOCAL_POLL_INTERVAL_MS: '5000',
      }).config,
    ).toMatchObject({ port: 9090, host: '0.0.0.0', pollEveryMs: 5_000 });
  });

  it('lists the ingestion problems and its own together', () => {
    expect(
      loadLocalIngestionConfig({
        TELCO_STORE: 'sqlite',
        PORT: 'http',
        TELCO_LOCAL_POLL_INTERVAL_MS: '0',
      }).issues,
    ).toEqual([
      'TELCO_STORE: must be firestore or memory',
      'GOOGLE_CLOUD_PROJECT: required when TELCO_STORE=firestore',
      'PORT: must be an integer from 1 to 65535',
      'TELCO_LOCAL_POLL_INTERVAL_MS: must be an integer from 1000 to 86400000',
    ]);
  });
});

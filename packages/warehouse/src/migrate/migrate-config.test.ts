import { describe, expect, it } from 'vitest';
import { loadMigrateConfig } from './migrate-config.ts';

describe('loadMigrateConfig', () => {
  it('defaults the dataset to sentinel and the location to africa-south1', () => {
    expect(loadMigrateConfig({ GOOGLE_CLOUD_PROJECT: 'p' })).toEqual({
      ok: true,
      config: { project: 'p', dataset: 'sentinel', location: 'africa-south1' },
    });
  });

  it('takes the dataset, location and emulator host from the environment', () => {
    expect(
      loadMigrateConfig({
        GOOGLE_CLOUD_PROJECT: 'p',
        BQ_DATASET: 'sentinel_test',
        BQ_LOCATION: 'EU',
        BIGQUERY_EMULATOR_HOST: 'http://127.0.0.1:9050',
      }).config,
    ).toEqual({
      project: 'p',
      dataset: 'sentinel_test',
      location: 'EU',
      apiEndpoint: 'http://127.0.0.1:9050',
    });
  });

  it('lists every problem', () => {
    expect(loadMigrateConfig({ BQ_DATASET: 'no-dashes', BQ_LOCATION: 'mars' }).issues).toEqual([
      'GOOGLE_CLOUD_PROJECT: required',
      'BQ_DATASET: letters, digits and underscores only',
      'BQ_LOCATION: a BigQuery region such as africa-south1, or US / EU',
    ]);
  });
});

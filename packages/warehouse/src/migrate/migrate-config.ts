import type { ConfigResult, Env } from '@sentinel/kernel';

/** What `npm run bq:migrate` needs from the environment. */
export interface MigrateConfig {
  readonly project: string;
  readonly dataset: string;
  readonly location: string;
  /** BIGQUERY_EMULATOR_HOST: a local stand-in for the REST API, reached without credentials. */
  readonly apiEndpoint?: string;
}

/** The default location: Johannesburg, a BigQuery region (cloud.google.com/bigquery/docs/locations, Africa). */
export const DEFAULT_BQ_LOCATION = 'africa-south1';

// Dataset ids: letters, digits and underscores, at most 1,024 (BigQuery "Create datasets").
const DATASET_ID = /^[A-Za-z0-9_]{1,1024}$/;
// A region (`africa-south1`) or a multi-region (`US`, `EU`).
const LOCATION = /^(?:[a-z]+(?:-[a-z]+[0-9]+)|US|EU)$/i;

/** Reads GOOGLE_CLOUD_PROJECT, BQ_DATASET, BQ_LOCATION and BIGQUERY_EMULATOR_HOST; lists every problem. */
export function loadMigrateConfig(env: Env): ConfigResult<MigrateConfig> {
  const value = (name: string): string | undefined => {
    const raw = env[name]?.trim();
    return raw === undefined || raw === '' ? undefined : raw;
  };
  const issues: string[] = [];
  const project = value('GOOGLE_CLOUD_PROJECT');
  if (project === undefined) {
    issues.push('GOOGLE_CLOUD_PROJECT: required');
  }
  const dataset = value('BQ_DATASET') ?? 'sentinel';
  if (!DATASET_ID.test(dataset)) {
    issues.push('BQ_DATASET: letters, digits and underscores only');
  }
  const location = value('BQ_LOCATION') ?? DEFAULT_BQ_LOCATION;
  if (!LOCATION.test(location)) {
    issues.push('BQ_LOCATION: a BigQuery region such as africa-south1, or US / EU');
  }
  const emulator = value('BIGQUERY_EMULATOR_HOST');
  if (issues.length > 0 || project === undefined) {
    return { ok: false, issues };
  }
  return {
    ok: true,
    config: {
      project,
      dataset,
      location,
      ...(emulator === undefined ? {} : { apiEndpoint: emulator }),
    },
  };
}

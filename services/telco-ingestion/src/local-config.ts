import { envFields, type ConfigResult, type Env } from '@sentinel/kernel';
import { readIngestionConfig, type IngestionConfig } from '@sentinel/telco';

/** The local server's settings (main-local.ts): the ingestion's own, plus where and how often. */
export interface LocalIngestionConfig {
  readonly ingestion: IngestionConfig;
  readonly port: number;
  readonly host: string;
  /** How often the local timer polls every watched number (Cloud Scheduler's job in the cloud). */
  readonly pollEveryMs: number;
}

/**
 * The local server's only reader of the environment: the ingestion settings
 * (`loadIngestionConfig`) and `PORT` (8084), `HOST` (127.0.0.1), `TELCO_LOCAL_POLL_INTERVAL_MS`
 * (60000), every problem at once.
 */
export function loadLocalIngestionConfig(env: Env): ConfigResult<LocalIngestionConfig> {
  const f = envFields(env);
  const ingestion = readIngestionConfig(f);
  const port = f.port('PORT', 8084);
  const host = f.text('HOST', { fallback: '127.0.0.1' });
  const pollEveryMs = f.int('TELCO_LOCAL_POLL_INTERVAL_MS', {
    min: 1_000,
    max: 86_400_000,
    fallback: 60_000,
  });
  return f.result(() => ({ ingestion, port, host, pollEveryMs }));
}

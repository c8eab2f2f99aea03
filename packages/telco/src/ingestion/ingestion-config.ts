import {
  envFields,
  type ConfigResult,
  type Env,
  type EnvFields,
  type LogLevel,
} from '@sentinel/kernel';
import {
  envPrefix,
  readProviderConfig,
  type ProviderConfig,
} from '../providers/provider-config.ts';

export interface IngestionConfig {
  readonly providers: ProviderConfig;
  readonly store: 'firestore' | 'memory';
  readonly projectId: string;
  readonly poll: {
    readonly concurrency: number;
    readonly ratePerSecond: number;
    readonly attemptTimeoutMs: number;
    readonly maxAttempts: number;
    readonly maxDurationMs: number;
  };
  readonly webhook: {
    /** Accepted sink tokens; the first is the one new subscriptions carry. */
    readonly sinkTokens: readonly [string, ...string[]];
  };
  /** Null when no provider is configured for subscriptions. */
  readonly subscriptions: {
    readonly baseUrl: string;
    /** CAMARA provider whose credentials the subscriptions API takes. */
    readonly providerId: string;
    readonly sinkUrl: string;
    readonly sinkTokenTtlMs: number;
  } | null;
  readonly logLevel: LogLevel;
  readonly insecureDefaults: readonly string[];
}

export type IngestionConfigResult = ConfigResult<IngestionConfig>;

const LOCAL_SINK_TOKEN = 'local-sink-token';

/** The sink must be https (sim-swap-subscriptions `sink` pattern); plain http only on loopback. */
function sinkUrlIssue(value: string): string | null {
  if (!URL.canParse(value)) {
    return 'not a URL';
  }
  const url = new URL(value);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  return url.protocol === 'https:' || (url.protocol === 'http:' && loopback)
    ? null
    : 'must be https (http only on loopback)';
}

/**
 * The ingestion functions' environment, every problem at once. Provider settings as in
 * `loadProviderConfig`, plus:
 * - `TELCO_STORE` firestore|memory (firestore), `GOOGLE_CLOUD_PROJECT` (required for firestore);
 * - `TELCO_POLL_CONCURRENCY` (16), `TELCO_POLL_RATE_PER_SECOND` (50), `TELCO_POLL_ATTEMPT_TIMEOUT_MS`
 *   (3000), `TELCO_POLL_MAX_ATTEMPTS` (3), `TELCO_POLL_MAX_DURATION_MS` (240000: a 5-minute
 *   schedule leaves a minute to spare);
 * - `TELCO_WEBHOOK_TOKENS`: comma-separated sink tokens (required on Cloud Run);
 * - `TELCO_SUBSCRIPTIONS_PROVIDER` (a CAMARA provider id; unset = no subscriptions),
 *   `TELCO_SUBSCRIPTIONS_BASE_URL` (default: its `/sim-swap/v2` → `/sim-swap-subscriptions/v0.3`),
 *   `TELCO_WEBHOOK_URL` (the sink), `TELCO_SINK_TOKEN_TTL_HOURS` (720);
 * - `LOG_LEVEL` (info).
 */
export function loadIngestionConfig(env: Env): IngestionConfigResult {
  const f = envFields(env);
  const config = readIngestionConfig(f);
  return f.result(() => config);
}

/** `loadIngestionConfig` on fields a caller is reading too (their problems listed together). */
export function readIngestionConfig(f: EnvFields): IngestionConfig {
  const providers = readProviderConfig(f);
  const insecureDefaults = [...providers.insecureDefaults];
  const { store, projectId } = f.store('TELCO_STORE');
  const int = (name: string, min: number, max: number, fallback: number) =>
    f.int(name, { min, max, fallback });
  const poll = {
    concurrency: int('TELCO_POLL_CONCURRENCY', 1, 1_000, 16),
    ratePerSecond: int('TELCO_POLL_RATE_PER_SECOND', 1, 10_000, 50),
    attemptTimeoutMs: int('TELCO_POLL_ATTEMPT_TIMEOUT_MS', 10, 60_000, 3_000),
    maxAttempts: int('TELCO_POLL_MAX_ATTEMPTS', 1, 10, 3),
    maxDurationMs: int('TELCO_POLL_MAX_DURATION_MS', 1_000, 3_600_000, 240_000),
  };
  const tokens = f.list('TELCO_WEBHOOK_TOKENS') ?? [];
  if (tokens.some((t) => t.length < 16) && f.onCloudRun) {
    f.issue('TELCO_WEBHOOK_TOKENS', 'each token needs at least 16 characters');
  }
  if (tokens.length === 0) {
    f.missingSecret('TELCO_WEBHOOK_TOKENS', insecureDefaults);
  }
  const sinkTokens: [string, ...string[]] = [tokens[0] ?? LOCAL_SINK_TOKEN, ...tokens.slice(1)];
  const subscriptions = subscriptionSettings(f, providers);
  return {
    providers,
    store,
    projectId,
    poll,
    webhook: { sinkTokens },
    subscriptions,
    logLevel: f.logLevel(),
    insecureDefaults,
  };
}

function subscriptionSettings(
  f: EnvFields,
  providers: ProviderConfig,
): IngestionConfig['subscriptions'] {
  const providerId = f.optional('TELCO_SUBSCRIPTIONS_PROVIDER');
  if (providerId === undefined) {
    return null;
  }
  const spec = providers.providers.find((p) => p.id === providerId);
  if (spec?.kind !== 'camara') {
    f.issue(
      'TELCO_SUBSCRIPTIONS_PROVIDER',
      `${providerId} is not a CAMARA provider in TELCO_ROUTES`,
    );
  }
  const derived =
    spec?.kind === 'camara'
      ? spec.baseUrl.replace(/\/sim-swap\/v2$/, '/sim-swap-subscriptions/v0.3')
      : '';
  const baseUrl = (f.optional('TELCO_SUBSCRIPTIONS_BASE_URL') ?? derived).replace(/\/+$/, '');
  if (!URL.canParse(baseUrl)) {
    f.issue(
      'TELCO_SUBSCRIPTIONS_BASE_URL',
      `required (not derivable from ${envPrefix(providerId)}BASE_URL)`,
    );
  }
  const sinkUrl = f.optional('TELCO_WEBHOOK_URL') ?? '';
  const sinkIssue = sinkUrlIssue(sinkUrl);
  if (sinkIssue !== null) {
    f.issue('TELCO_WEBHOOK_URL', sinkUrl === '' ? 'required with subscriptions' : sinkIssue);
  }
  const ttlHours = f.int('TELCO_SINK_TOKEN_TTL_HOURS', { min: 1, max: 24 * 365, fallback: 720 });
  return { baseUrl, providerId, sinkUrl, sinkTokenTtlMs: ttlHours * 3_600_000 };
}

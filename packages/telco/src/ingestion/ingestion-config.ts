import type { LogLevel } from '@sentinel/kernel';
import {
  envPrefix,
  intIn,
  loadProviderConfig,
  type Env,
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

export type IngestionConfigResult =
  | { readonly ok: true; readonly config: IngestionConfig; readonly issues?: never }
  | { readonly ok: false; readonly issues: readonly string[]; readonly config?: never };

const LOCAL_SINK_TOKEN = 'local-sink-token';
const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

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
  const issues: string[] = [];
  const providers = loadProviderConfig(env);
  if (!providers.ok) {
    issues.push(...providers.issues);
  }
  const insecureDefaults = [...(providers.config?.insecureDefaults ?? [])];
  const store = env['TELCO_STORE'] ?? 'firestore';
  if (store !== 'firestore' && store !== 'memory') {
    issues.push('TELCO_STORE: must be firestore or memory');
  }
  const projectId = env['GOOGLE_CLOUD_PROJECT'] ?? (store === 'memory' ? 'local' : undefined);
  if (projectId === undefined) {
    issues.push('GOOGLE_CLOUD_PROJECT: required when TELCO_STORE=firestore');
  }
  const poll = {
    concurrency: intIn(env, 'TELCO_POLL_CONCURRENCY', 1, 1_000, 16, issues),
    ratePerSecond: intIn(env, 'TELCO_POLL_RATE_PER_SECOND', 1, 10_000, 50, issues),
    attemptTimeoutMs: intIn(env, 'TELCO_POLL_ATTEMPT_TIMEOUT_MS', 10, 60_000, 3_000, issues),
    maxAttempts: intIn(env, 'TELCO_POLL_MAX_ATTEMPTS', 1, 10, 3, issues),
    maxDurationMs: intIn(env, 'TELCO_POLL_MAX_DURATION_MS', 1_000, 3_600_000, 240_000, issues),
  };
  const tokens = (env['TELCO_WEBHOOK_TOKENS'] ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
  if (tokens.some((t) => t.length < 16) && env['K_SERVICE'] !== undefined) {
    issues.push('TELCO_WEBHOOK_TOKENS: each token needs at least 16 characters');
  }
  if (tokens.length === 0) {
    if (env['K_SERVICE'] !== undefined) {
      issues.push('TELCO_WEBHOOK_TOKENS: required on Cloud Run (mount it from Secret Manager)');
    }
    insecureDefaults.push('TELCO_WEBHOOK_TOKENS');
  }
  const sinkTokens: [string, ...string[]] = [tokens[0] ?? LOCAL_SINK_TOKEN, ...tokens.slice(1)];
  const subscriptions = subscriptionSettings(env, providers.config, issues);
  const logLevel = env['LOG_LEVEL'] ?? 'info';
  if (!LOG_LEVELS.includes(logLevel as LogLevel)) {
    issues.push('LOG_LEVEL: must be debug, info, warn or error');
  }
  if (issues.length > 0 || providers.config === undefined || projectId === undefined) {
    return { ok: false, issues };
  }
  return {
    ok: true,
    config: {
      providers: providers.config,
      store: store === 'memory' ? 'memory' : 'firestore',
      projectId,
      poll,
      webhook: { sinkTokens },
      subscriptions,
      logLevel: logLevel as LogLevel,
      insecureDefaults,
    },
  };
}

function subscriptionSettings(
  env: Env,
  providers: ProviderConfig | undefined,
  issues: string[],
): IngestionConfig['subscriptions'] {
  const providerId = env['TELCO_SUBSCRIPTIONS_PROVIDER']?.trim();
  if (providerId === undefined || providerId === '') {
    return null;
  }
  const spec = providers?.providers.find((p) => p.id === providerId);
  if (providers !== undefined && spec?.kind !== 'camara') {
    issues.push(
      `TELCO_SUBSCRIPTIONS_PROVIDER: ${providerId} is not a CAMARA provider in TELCO_ROUTES`,
    );
  }
  const derived =
    spec?.kind === 'camara'
      ? spec.baseUrl.replace(/\/sim-swap\/v2$/, '/sim-swap-subscriptions/v0.3')
      : '';
  const baseUrl = (env['TELCO_SUBSCRIPTIONS_BASE_URL'] ?? derived).replace(/\/+$/, '');
  if (!URL.canParse(baseUrl)) {
    issues.push(
      `TELCO_SUBSCRIPTIONS_BASE_URL: required (not derivable from ${envPrefix(providerId)}BASE_URL)`,
    );
  }
  const sinkUrl = env['TELCO_WEBHOOK_URL'] ?? '';
  const sinkIssue = sinkUrlIssue(sinkUrl);
  if (sinkIssue !== null) {
    issues.push(`TELCO_WEBHOOK_URL: ${sinkUrl === '' ? 'required with subscriptions' : sinkIssue}`);
  }
  const ttlHours = intIn(env, 'TELCO_SINK_TOKEN_TTL_HOURS', 1, 24 * 365, 720, issues);
  return { baseUrl, providerId, sinkUrl, sinkTokenTtlMs: ttlHours * 3_600_000 };
}

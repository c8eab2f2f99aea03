import { envFields, type ConfigResult, type Env, type LogLevel } from '@sentinel/kernel';

/** Everything the simulator's composition root needs, read from the environment once. */
export interface SimulatorConfig {
  readonly port: number;
  readonly host: string;
  readonly store: 'firestore' | 'memory';
  readonly projectId: string;
  /** Days of SIM change history the simulated operator may disclose; null: without limit. */
  readonly monitoredPeriodDays: number | null;
  /** Local mode: fixed 2-legged token(s) by default, plain-http sinks to loopback hosts. */
  readonly localMode: boolean;
  /** Fixed 2-legged tokens (all scopes, no expiry). */
  readonly fixedTwoLeggedTokens: readonly string[];
  readonly tokenTtlSeconds: number;
  /** Requests per token per window; null: unlimited. */
  readonly rateLimit: { readonly limit: number; readonly windowMs: number } | null;
  /** Bearer key for the demo endpoints; open when unset (local mode only). */
  readonly demoKey?: string;
  /** CloudEvents `source` of notifications. */
  readonly eventSource: string;
  readonly delivery: {
    readonly attempts: number;
    readonly baseDelayMs: number;
    readonly timeoutMs: number;
  };
  readonly accessTokenLeadMs: number;
  /** How often expired subscriptions are looked for. */
  readonly sweepIntervalMs: number;
  readonly logLevel: LogLevel;
}

export type SimulatorConfigResult = ConfigResult<SimulatorConfig>;

export const LOCAL_TWO_LEGGED_TOKEN = 'local-camara-token';

/**
 * The only reader of the environment: every problem at once, like the risk-api's `loadConfig`.
 * Local mode defaults to on except on Cloud Run (`K_SERVICE`); outside it there is no default
 * token and the demo endpoints need SIMULATOR_DEMO_KEY.
 */
export function loadSimulatorConfig(env: Env): SimulatorConfigResult {
  const f = envFields(env);
  const int = (name: string, min: number, max: number, fallback: number) =>
    f.int(name, { min, max, fallback });
  const port = f.port('PORT', 8083, { allowAny: true });
  const host = f.text('HOST', { fallback: '0.0.0.0' });
  // CAMARA's example monitored period is 120 days; "unlimited" models an operator without one.
  const monitoredPeriodDays =
    f.optional('SIMULATOR_MONITORED_PERIOD_DAYS') === 'unlimited'
      ? null
      : int('SIMULATOR_MONITORED_PERIOD_DAYS', 1, 36_500, 120);
  const localMode = f.flag('SIMULATOR_LOCAL_MODE') ?? !f.onCloudRun;
  const tokens =
    f.list('SIMULATOR_TWO_LEGGED_TOKENS') ?? (localMode ? [LOCAL_TWO_LEGGED_TOKEN] : []);
  const tokenTtlSeconds = int('SIMULATOR_TOKEN_TTL_SECONDS', 60, 30 * 86_400, 3_600);
  const rateLimit = int('SIMULATOR_RATE_LIMIT', 0, 1_000_000, 1_000);
  const rateWindowMs = int('SIMULATOR_RATE_WINDOW_MS', 100, 3_600_000, 1_000);
  const demoKey = f.secret('SIMULATOR_DEMO_KEY', 16);
  const eventSource = f.text('SIMULATOR_EVENT_SOURCE', {
    fallback: 'urn:sentinel:camara-simulator',
  });
  const delivery = {
    attempts: int('SIMULATOR_DELIVERY_ATTEMPTS', 1, 20, 4),
    baseDelayMs: int('SIMULATOR_DELIVERY_BASE_DELAY_MS', 1, 60_000, 250),
    timeoutMs: int('SIMULATOR_DELIVERY_TIMEOUT_MS', 100, 60_000, 5_000),
  };
  const accessTokenLeadMs = int('SIMULATOR_ACCESS_TOKEN_LEAD_MS', 0, 3_600_000, 60_000);
  const sweepIntervalMs = int('SIMULATOR_SWEEP_INTERVAL_MS', 100, 3_600_000, 1_000);
  const logLevel = f.logLevel();
  if (!localMode && tokens.includes(LOCAL_TWO_LEGGED_TOKEN)) {
    f.issue('SIMULATOR_TWO_LEGGED_TOKENS', `${LOCAL_TWO_LEGGED_TOKEN} is for local mode only`);
  }
  if (!localMode && f.optional('SIMULATOR_DEMO_KEY') === undefined) {
    f.issue('SIMULATOR_DEMO_KEY', 'required outside local mode (it guards the demo endpoints)');
  }
  const { store, projectId } = f.store('SIMULATOR_STORE');
  return f.result(() => ({
    port,
    host,
    store,
    projectId,
    monitoredPeriodDays,
    localMode,
    fixedTwoLeggedTokens: tokens,
    tokenTtlSeconds,
    rateLimit: rateLimit === 0 ? null : { limit: rateLimit, windowMs: rateWindowMs },
    ...(demoKey === undefined ? {} : { demoKey }),
    eventSource,
    delivery,
    accessTokenLeadMs,
    sweepIntervalMs,
    logLevel,
  }));
}

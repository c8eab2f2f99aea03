import { z } from 'zod';
import type { LogLevel } from '@sentinel/kernel';

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

export type SimulatorConfigResult =
  | { readonly ok: true; readonly config: SimulatorConfig; readonly issues?: never }
  | { readonly ok: false; readonly issues: readonly string[]; readonly config?: never };

type Env = Readonly<Record<string, string | undefined>>;

const intIn = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);
const bool = z.enum(['true', 'false']).optional();

const EnvSchema = z.object({
  PORT: intIn(0, 65535, 8083),
  HOST: z.string().min(1).default('0.0.0.0'),
  SIMULATOR_STORE: z.enum(['firestore', 'memory']).default('firestore'),
  GOOGLE_CLOUD_PROJECT: z.string().min(1).optional(),
  // CAMARA's example monitored period is 120 days; "unlimited" models an operator without one.
  SIMULATOR_MONITORED_PERIOD_DAYS: z
    .union([z.literal('unlimited'), z.coerce.number().int().min(1).max(36_500)])
    .default(120),
  SIMULATOR_LOCAL_MODE: bool,
  SIMULATOR_TWO_LEGGED_TOKENS: z.string().optional(),
  SIMULATOR_TOKEN_TTL_SECONDS: intIn(60, 30 * 86_400, 3_600),
  SIMULATOR_RATE_LIMIT: intIn(0, 1_000_000, 1_000),
  SIMULATOR_RATE_WINDOW_MS: intIn(100, 3_600_000, 1_000),
  SIMULATOR_DEMO_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  SIMULATOR_EVENT_SOURCE: z.string().min(1).default('urn:sentinel:camara-simulator'),
  SIMULATOR_DELIVERY_ATTEMPTS: intIn(1, 20, 4),
  SIMULATOR_DELIVERY_BASE_DELAY_MS: intIn(1, 60_000, 250),
  SIMULATOR_DELIVERY_TIMEOUT_MS: intIn(100, 60_000, 5_000),
  SIMULATOR_ACCESS_TOKEN_LEAD_MS: intIn(0, 3_600_000, 60_000),
  SIMULATOR_SWEEP_INTERVAL_MS: intIn(100, 3_600_000, 1_000),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  K_SERVICE: z.string().optional(),
});

export const LOCAL_TWO_LEGGED_TOKEN = 'local-camara-token';

const list = (value: string | undefined): string[] | undefined =>
  value
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

/**
 * The only reader of the environment: every problem at once, like the risk-api's `loadConfig`.
 * Local mode defaults to on except on Cloud Run (`K_SERVICE`); outside it there is no default
 * token and the demo endpoints need SIMULATOR_DEMO_KEY.
 */
export function loadSimulatorConfig(env: Env): SimulatorConfigResult {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => `${i.path.join('.') || 'env'}: ${i.message}`),
    };
  }
  const e = parsed.data;
  const issues: string[] = [];
  const localMode =
    e.SIMULATOR_LOCAL_MODE === undefined
      ? e.K_SERVICE === undefined
      : e.SIMULATOR_LOCAL_MODE === 'true';
  const tokens = list(e.SIMULATOR_TWO_LEGGED_TOKENS) ?? (localMode ? [LOCAL_TWO_LEGGED_TOKEN] : []);
  if (!localMode && tokens.includes(LOCAL_TWO_LEGGED_TOKEN)) {
    issues.push(`SIMULATOR_TWO_LEGGED_TOKENS: ${LOCAL_TWO_LEGGED_TOKEN} is for local mode only`);
  }
  if (!localMode && e.SIMULATOR_DEMO_KEY === undefined) {
    issues.push('SIMULATOR_DEMO_KEY: required outside local mode (it guards the demo endpoints)');
  }
  const projectId =
    e.GOOGLE_CLOUD_PROJECT ?? (e.SIMULATOR_STORE === 'memory' ? 'local' : undefined);
  if (projectId === undefined) {
    issues.push('GOOGLE_CLOUD_PROJECT: required when SIMULATOR_STORE=firestore');
  }
  if (issues.length > 0 || projectId === undefined) {
    return { ok: false, issues };
  }
  return {
    ok: true,
    config: {
      port: e.PORT,
      host: e.HOST,
      store: e.SIMULATOR_STORE,
      projectId,
      monitoredPeriodDays:
        e.SIMULATOR_MONITORED_PERIOD_DAYS === 'unlimited'
          ? null
          : e.SIMULATOR_MONITORED_PERIOD_DAYS,
      localMode,
      fixedTwoLeggedTokens: tokens,
      tokenTtlSeconds: e.SIMULATOR_TOKEN_TTL_SECONDS,
      rateLimit:
        e.SIMULATOR_RATE_LIMIT === 0
          ? null
          : { limit: e.SIMULATOR_RATE_LIMIT, windowMs: e.SIMULATOR_RATE_WINDOW_MS },
      ...(e.SIMULATOR_DEMO_KEY === undefined ? {} : { demoKey: e.SIMULATOR_DEMO_KEY }),
      eventSource: e.SIMULATOR_EVENT_SOURCE,
      delivery: {
        attempts: e.SIMULATOR_DELIVERY_ATTEMPTS,
        baseDelayMs: e.SIMULATOR_DELIVERY_BASE_DELAY_MS,
        timeoutMs: e.SIMULATOR_DELIVERY_TIMEOUT_MS,
      },
      accessTokenLeadMs: e.SIMULATOR_ACCESS_TOKEN_LEAD_MS,
      sweepIntervalMs: e.SIMULATOR_SWEEP_INTERVAL_MS,
      logLevel: e.LOG_LEVEL,
    },
  };
}

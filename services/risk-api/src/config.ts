import { DEFAULT_TENANT, type TenantId } from '@sentinel/store';
import { z } from 'zod';

/**
 * A bank's key (SENTINEL_API_KEYS `tenant:key`, or an admin key from SENTINEL_ADMIN_KEYS): it
 * sees and changes its own tenant's data only. A client is its tenant: `clientId` (which scopes
 * idempotency and is kept on every decision) equals `tenant`, so a decision's tenant is its
 * record's `clientId`. Admins also unfreeze accounts and edit the tenant's policy override.
 */
export interface TenantClient {
  readonly role: 'client' | 'admin';
  readonly clientId: string;
  readonly tenant: TenantId;
  readonly key: string;
}

/**
 * A platform operator's key (SENTINEL_PLATFORM_KEYS): administers the platform default policy
 * and nothing else — it belongs to no tenant and reads no customer data.
 */
export interface PlatformOperator {
  readonly role: 'platform';
  readonly clientId: string;
  readonly key: string;
}

/** An API caller; its key is a bearer secret. */
export type ApiClient = TenantClient | PlatformOperator;

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly store: 'firestore' | 'memory';
  readonly projectId: string;
  readonly clients: readonly ApiClient[];
  readonly decisionsTopic: string;
  readonly decisionsSchemaId: string;
  /** Create the Avro schema and topic at start-up when missing (local stack, tests). */
  readonly ensureTopic: boolean;
  readonly pseudonymKey: string;
  readonly latencyBudgetMs: number;
  /** At most this long for one live SIM swap lookup when the stored signal is not fresh. */
  readonly liveLookupBudgetMs: number;
  /** Hard limit for the durable commit, which arbitrates idempotency (see assess-payment.ts). */
  readonly commitTimeoutMs: number;
  readonly policyRefreshMs: number;
  readonly outboxSweepMs: number;
  readonly outboxGraceMs: number;
  readonly publishTimeoutMs: number;
  readonly authBaseUrl: string;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Per-tenant, per-instance token buckets (see docs/operations.md for the instance arithmetic). */
  readonly rateLimits: RateLimits;
  /** Set when no pseudonymisation key was given: fine locally, refused in Cloud Run. */
  readonly insecureDefaults: readonly string[];
}

/** A token bucket's rate and how many requests may arrive at once after a quiet spell. */
export interface RateLimit {
  readonly ratePerSecond: number;
  readonly burst: number;
}

/** Separate budgets: assessments (the hot path) and writes (profiles, behaviour, policy, unfreeze). */
export interface RateLimits {
  readonly assess: RateLimit;
  readonly writes: RateLimit;
}

export type ConfigResult =
  | { readonly ok: true; readonly config: Config; readonly issues?: never }
  | { readonly ok: false; readonly issues: readonly string[]; readonly config?: never };

type Env = Readonly<Record<string, string | undefined>>;

const LOCAL_PSEUDONYM_KEY = 'local-insecure-pseudonym-key';

const intIn = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const perSecond = (fallback: number) =>
  z.coerce.number().positive().max(1_000_000).default(fallback);

const EnvSchema = z.object({
  PORT: intIn(1, 65535, 8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  SENTINEL_STORE: z.enum(['firestore', 'memory']).default('firestore'),
  GOOGLE_CLOUD_PROJECT: z.string().min(1).optional(),
  SENTINEL_API_KEYS: z.string().min(1, 'at least one API key is required'),
  SENTINEL_ADMIN_KEYS: z.string().default(''),
  SENTINEL_PLATFORM_KEYS: z.string().default(''),
  SENTINEL_DECISIONS_TOPIC: z.string().min(1).default('risk-decisions'),
  SENTINEL_DECISIONS_SCHEMA: z.string().min(1).default('risk-decision'),
  SENTINEL_ENSURE_TOPIC: z.enum(['true', 'false']).default('false'),
  SENTINEL_PSEUDONYM_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  SENTINEL_LATENCY_BUDGET_MS: intIn(5, 10_000, 50),
  SENTINEL_COMMIT_TIMEOUT_MS: intIn(10, 30_000, 3_000),
  SENTINEL_LIVE_LOOKUP_BUDGET_MS: intIn(0, 10_000, 25),
  SENTINEL_POLICY_REFRESH_MS: intIn(100, 60_000, 2_000),
  SENTINEL_OUTBOX_SWEEP_MS: intIn(100, 600_000, 5_000),
  SENTINEL_OUTBOX_GRACE_MS: intIn(0, 600_000, 10_000),
  SENTINEL_PUBLISH_TIMEOUT_MS: intIn(10, 60_000, 2_000),
  SENTINEL_AUTH_BASE_URL: z.url().default('http://127.0.0.1:8081'),
  // Per instance: with max-instances N a tenant gets up to N times these (docs/operations.md).
  SENTINEL_RATE_ASSESS_PER_SECOND: perSecond(50),
  SENTINEL_RATE_ASSESS_BURST: intIn(1, 1_000_000, 100),
  SENTINEL_RATE_WRITES_PER_SECOND: perSecond(10),
  SENTINEL_RATE_WRITES_BURST: intIn(1, 1_000_000, 50),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  K_SERVICE: z.string().optional(),
});

/**
 * Parses `id:key` or bare `key` entries: the id is the tenant (platform keys: the operator); bare
 * keys belong to tenant `default` (`platform` for operators).
 * Keys are secrets: problems name the entry's position, never its value.
 */
function parseKeys(
  list: string,
  role: ApiClient['role'],
  issues: string[],
  variable: string,
): ApiClient[] {
  return list
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .flatMap((entry, index) => {
      const colon = entry.indexOf(':');
      const bareId = role === 'platform' ? 'platform' : DEFAULT_TENANT;
      const clientId = colon > 0 ? entry.slice(0, colon) : bareId;
      const key = colon > 0 ? entry.slice(colon + 1) : entry;
      if (key.length < 8) {
        issues.push(`${variable}: entry ${index + 1} has a key shorter than 8 characters`);
        return [];
      }
      if (!/^[A-Za-z0-9._-]{1,64}$/.test(clientId) || /^\.{1,2}$/.test(clientId)) {
        issues.push(`${variable}: entry ${index + 1} has an invalid client id`);
        return [];
      }
      return [
        role === 'platform' ? { role, clientId, key } : { role, clientId, tenant: clientId, key },
      ];
    });
}

/**
 * The only reader of the environment. Lists every problem at once, like functions-framework's
 * `parseOptions`, so a misconfigured deployment fails at start-up with the whole story.
 */
export function loadConfig(env: Env): ConfigResult {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => `${i.path.join('.') || 'env'}: ${i.message}`),
    };
  }
  const e = parsed.data;
  const issues: string[] = [];
  const admins = parseKeys(e.SENTINEL_ADMIN_KEYS, 'admin', issues, 'SENTINEL_ADMIN_KEYS');
  const users = parseKeys(e.SENTINEL_API_KEYS, 'client', issues, 'SENTINEL_API_KEYS');
  const operators = parseKeys(
    e.SENTINEL_PLATFORM_KEYS,
    'platform',
    issues,
    'SENTINEL_PLATFORM_KEYS',
  );
  const keys = new Set<string>();
  for (const c of [...admins, ...users, ...operators]) {
    if (keys.has(c.key)) {
      issues.push(`API keys: client ${c.clientId} reuses a key that is already configured`);
    }
    keys.add(c.key);
  }
  const insecureDefaults: string[] = [];
  if (e.SENTINEL_PSEUDONYM_KEY === undefined) {
    if (e.K_SERVICE !== undefined) {
      issues.push('SENTINEL_PSEUDONYM_KEY: required on Cloud Run (mount it from Secret Manager)');
    }
    insecureDefaults.push('SENTINEL_PSEUDONYM_KEY');
  }
  const projectId = e.GOOGLE_CLOUD_PROJECT ?? (e.SENTINEL_STORE === 'memory' ? 'local' : undefined);
  if (projectId === undefined) {
    issues.push('GOOGLE_CLOUD_PROJECT: required when SENTINEL_STORE=firestore');
  }
  if (issues.length > 0 || projectId === undefined) {
    return { ok: false, issues };
  }
  return {
    ok: true,
    config: {
      port: e.PORT,
      host: e.HOST,
      store: e.SENTINEL_STORE,
      projectId,
      clients: [...admins, ...users, ...operators],
      decisionsTopic: e.SENTINEL_DECISIONS_TOPIC,
      decisionsSchemaId: e.SENTINEL_DECISIONS_SCHEMA,
      ensureTopic: e.SENTINEL_ENSURE_TOPIC === 'true',
      pseudonymKey: e.SENTINEL_PSEUDONYM_KEY ?? LOCAL_PSEUDONYM_KEY,
      latencyBudgetMs: e.SENTINEL_LATENCY_BUDGET_MS,
      commitTimeoutMs: e.SENTINEL_COMMIT_TIMEOUT_MS,
      liveLookupBudgetMs: e.SENTINEL_LIVE_LOOKUP_BUDGET_MS,
      policyRefreshMs: e.SENTINEL_POLICY_REFRESH_MS,
      outboxSweepMs: e.SENTINEL_OUTBOX_SWEEP_MS,
      outboxGraceMs: e.SENTINEL_OUTBOX_GRACE_MS,
      publishTimeoutMs: e.SENTINEL_PUBLISH_TIMEOUT_MS,
      authBaseUrl: e.SENTINEL_AUTH_BASE_URL.replace(/\/+$/, ''),
      logLevel: e.LOG_LEVEL,
      rateLimits: {
        assess: {
          ratePerSecond: e.SENTINEL_RATE_ASSESS_PER_SECOND,
          burst: e.SENTINEL_RATE_ASSESS_BURST,
        },
        writes: {
          ratePerSecond: e.SENTINEL_RATE_WRITES_PER_SECOND,
          burst: e.SENTINEL_RATE_WRITES_BURST,
        },
      },
      insecureDefaults,
    },
  };
}

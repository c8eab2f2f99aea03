import { availableParallelism } from 'node:os';
import { DEFAULT_TENANT, DOCUMENT_FORMS, type DocumentForm, type TenantId } from '@sentinel/store';
import { LOCAL_STEP_UP_SECRET } from '@sentinel/contracts';
import {
  apiKeyEntries,
  envFields,
  type EnvFields,
  type ConfigResult as KernelConfigResult,
  type Env,
  type LogLevel,
} from '@sentinel/kernel';

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
  /** Where reported outcomes are published (issue 13), and its Avro schema's id. */
  readonly outcomesTopic: string;
  readonly outcomesSchemaId: string;
  /** Create the Avro schema and topic at start-up when missing (local stack, tests). */
  readonly ensureTopic: boolean;
  readonly pseudonymKey: string;
  readonly latencyBudgetMs: number;
  /** At most this long for one live SIM swap lookup when the stored signal is not fresh. */
  readonly liveLookupBudgetMs: number;
  /** Hard limit for the durable commit, which arbitrates idempotency (see assess-payment.ts). */
  readonly commitTimeoutMs: number;
  /** How histories and decision records are written on Firestore (store's document-form.ts). */
  readonly documentForm: DocumentForm;
  readonly policyRefreshMs: number;
  readonly outboxSweepMs: number;
  readonly outboxGraceMs: number;
  readonly publishTimeoutMs: number;
  readonly authBaseUrl: string;
  /** HMAC key of the step-up client secrets, shared with the auth service. */
  readonly stepUpSecret: Buffer;
  readonly logLevel: LogLevel;
  /** Per-tenant, per-instance token buckets (see docs/operations.md for the instance arithmetic). */
  readonly rateLimits: RateLimits;
  /** Mount the `/demo/*` helpers (SENTINEL_DEMO=true; the local stack only). */
  readonly demo: boolean;
  /**
   * Event loops per instance (SENTINEL_WORKERS: a number, or `auto` for one per vCPU; default 1):
   * more than one runs a supervisor and that many workers on one port (workers.ts).
   */
  readonly workers: number;
  /**
   * Memory store only (SENTINEL_MEMORY_MAX_DECISIONS, default 5,000): the newest decisions kept
   * in process; older ones are forgotten (MemoryDecisionLog's `maxDecisions`).
   */
  readonly memoryMaxDecisions: number;
  /**
   * The operator simulator's demo endpoints (`…/sim-swap/v2/demo`, SENTINEL_DEMO_OPERATOR_URL):
   * the console's staged SIM swaps and outages reach the operator too. Null: store only.
   */
  readonly demoOperatorUrl: string | null;
  /**
   * The console under `/console` (issue 15): on by default only with SENTINEL_DEMO; its built
   * assets' directory (default: packages/console/dist); the tenant whose keys the demo page gets.
   */
  readonly console: {
    readonly enabled: boolean;
    readonly dir: string | null;
    readonly tenant: string | null;
    /**
     * The analyst's live feed and API under `/v1/console` (SENTINEL_CONSOLE_FEED, default: with
     * the console): on Firestore/Pub/Sub one subscription per instance per topic.
     */
    readonly feed: boolean;
    /** Topic of the escrow's events (SENTINEL_ESCROW_EVENTS_TOPIC), which the feed reads too. */
    readonly escrowEventsTopic: string;
    /** The escrow service the analyst's proxy forwards to (SENTINEL_ESCROW_BASE_URL); null: none. */
    readonly escrowBaseUrl: string | null;
  };
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

export type ConfigResult = KernelConfigResult<Config>;

const LOCAL_PSEUDONYM_KEY = 'local-insecure-pseudonym-key';

/** The API keys of `variable` with their role (kernel's `apiKeyEntries` parses them). */
function parseKeys(f: EnvFields, variable: string, role: ApiClient['role']): ApiClient[] {
  const bareId = role === 'platform' ? 'platform' : DEFAULT_TENANT;
  return apiKeyEntries(f, variable, bareId).map(({ id: clientId, key }) =>
    role === 'platform' ? { role, clientId, key } : { role, clientId, tenant: clientId, key },
  );
}

/**
 * The only reader of the environment. Lists every problem at once, like functions-framework's
 * `parseOptions`, so a misconfigured deployment fails at start-up with the whole story.
 */
export function loadConfig(env: Env): ConfigResult {
  const f = envFields(env);
  const ms = (name: string, min: number, max: number, fallback: number) =>
    f.int(name, { min, max, fallback });
  const port = f.port('PORT', 8080);
  const host = f.text('HOST', { fallback: '0.0.0.0' });
  const decisionsTopic = f.text('SENTINEL_DECISIONS_TOPIC', { fallback: 'risk-decisions' });
  const decisionsSchemaId = f.text('SENTINEL_DECISIONS_SCHEMA', { fallback: 'risk-decision' });
  const outcomesTopic = f.text('SENTINEL_OUTCOMES_TOPIC', { fallback: 'risk-outcomes' });
  const outcomesSchemaId = f.text('SENTINEL_OUTCOMES_SCHEMA', { fallback: 'risk-outcome' });
  const ensureTopic = f.flag('SENTINEL_ENSURE_TOPIC') ?? false;
  const pseudonymKey = f.secret('SENTINEL_PSEUDONYM_KEY', 16);
  const latencyBudgetMs = ms('SENTINEL_LATENCY_BUDGET_MS', 5, 10_000, 50);
  const commitTimeoutMs = ms('SENTINEL_COMMIT_TIMEOUT_MS', 10, 30_000, 3_000);
  const documentForm = f.oneOf('SENTINEL_FIRESTORE_DOCUMENTS', DOCUMENT_FORMS, 'text');
  const liveLookupBudgetMs = ms('SENTINEL_LIVE_LOOKUP_BUDGET_MS', 0, 10_000, 25);
  const policyRefreshMs = ms('SENTINEL_POLICY_REFRESH_MS', 100, 60_000, 2_000);
  const outboxSweepMs = ms('SENTINEL_OUTBOX_SWEEP_MS', 100, 600_000, 5_000);
  const outboxGraceMs = ms('SENTINEL_OUTBOX_GRACE_MS', 0, 600_000, 10_000);
  const publishTimeoutMs = ms('SENTINEL_PUBLISH_TIMEOUT_MS', 10, 60_000, 2_000);
  const authBaseUrl = f.url('SENTINEL_AUTH_BASE_URL', 'http://localhost:8081');
  const stepUpSecret = f.secret('SENTINEL_STEP_UP_SECRET', 16);
  // Per instance: with max-instances N a tenant gets up to N times these (docs/operations.md).
  const rate = (name: string, fallback: number) => f.positive(name, { max: 1_000_000, fallback });
  const burst = (name: string, fallback: number) =>
    f.int(name, { min: 1, max: 1_000_000, fallback });
  const rateLimits: RateLimits = {
    assess: {
      ratePerSecond: rate('SENTINEL_RATE_ASSESS_PER_SECOND', 50),
      burst: burst('SENTINEL_RATE_ASSESS_BURST', 100),
    },
    writes: {
      ratePerSecond: rate('SENTINEL_RATE_WRITES_PER_SECOND', 10),
      burst: burst('SENTINEL_RATE_WRITES_BURST', 50),
    },
  };
  const logLevel = f.logLevel();
  const demo = f.flag('SENTINEL_DEMO') ?? false;
  const workers =
    f.optional('SENTINEL_WORKERS') === 'auto'
      ? availableParallelism()
      : f.int('SENTINEL_WORKERS', { min: 1, max: 64, fallback: 1 });
  const memoryMaxDecisions = f.int('SENTINEL_MEMORY_MAX_DECISIONS', {
    min: 1,
    max: 10_000_000,
    fallback: 5_000,
  });
  const demoOperatorUrl = f.optional('SENTINEL_DEMO_OPERATOR_URL') ?? null;
  if (demoOperatorUrl !== null && !URL.canParse(demoOperatorUrl)) {
    f.issue('SENTINEL_DEMO_OPERATOR_URL', 'not a URL');
  }
  const consoleEnabled = f.flag('SENTINEL_CONSOLE') ?? demo;
  const consoleDir = f.optional('SENTINEL_CONSOLE_DIR') ?? null;
  const consoleTenant = f.optional('SENTINEL_CONSOLE_TENANT') ?? null;
  const consoleFeed = f.flag('SENTINEL_CONSOLE_FEED') ?? consoleEnabled;
  const escrowEventsTopic = f.text('SENTINEL_ESCROW_EVENTS_TOPIC', { fallback: 'escrow-events' });
  const escrowBaseUrl =
    f.optional('SENTINEL_ESCROW_BASE_URL') === undefined
      ? null
      : f.url('SENTINEL_ESCROW_BASE_URL', 'http://localhost:8082');

  f.required('SENTINEL_API_KEYS', 'at least one API key is required');
  const admins = parseKeys(f, 'SENTINEL_ADMIN_KEYS', 'admin');
  const users = parseKeys(f, 'SENTINEL_API_KEYS', 'client');
  const operators = parseKeys(f, 'SENTINEL_PLATFORM_KEYS', 'platform');
  const keys = new Set<string>();
  for (const c of [...admins, ...users, ...operators]) {
    if (keys.has(c.key)) {
      f.issue('API keys', `client ${c.clientId} reuses a key that is already configured`);
    }
    keys.add(c.key);
  }
  const insecureDefaults: string[] = [];
  if (f.optional('SENTINEL_PSEUDONYM_KEY') === undefined) {
    f.missingSecret('SENTINEL_PSEUDONYM_KEY', insecureDefaults);
  }
  if (stepUpSecret === undefined) {
    f.missingSecret('SENTINEL_STEP_UP_SECRET', insecureDefaults);
  }
  const { store, projectId } = f.store('SENTINEL_STORE');
  return f.result(() => ({
    port,
    host,
    store,
    projectId,
    clients: [...admins, ...users, ...operators],
    decisionsTopic,
    decisionsSchemaId,
    outcomesTopic,
    outcomesSchemaId,
    ensureTopic,
    pseudonymKey: pseudonymKey ?? LOCAL_PSEUDONYM_KEY,
    latencyBudgetMs,
    commitTimeoutMs,
    documentForm,
    liveLookupBudgetMs,
    policyRefreshMs,
    outboxSweepMs,
    outboxGraceMs,
    publishTimeoutMs,
    authBaseUrl,
    stepUpSecret: Buffer.from(stepUpSecret ?? LOCAL_STEP_UP_SECRET, 'utf8'),
    logLevel,
    rateLimits,
    demo,
    workers,
    memoryMaxDecisions,
    demoOperatorUrl,
    console: {
      enabled: consoleEnabled,
      dir: consoleDir,
      tenant: consoleTenant,
      feed: consoleFeed,
      escrowEventsTopic,
      escrowBaseUrl,
    },
    insecureDefaults,
  }));
}

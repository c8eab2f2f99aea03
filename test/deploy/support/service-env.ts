// Holds each Cloud Run service's environment in Terraform against the config loader(s) its
// main.ts runs. A loader runs on the Terraform environment (placeholders for values only known at
// apply time, secrets included) behind a proxy that records every variable it reads; then:
// - every variable a loader read is set, unless listed in LEFT_UNSET with the reason;
// - every variable set is read by a loader (a typo or a stale name is an error);
// - the loader accepts the environment as on Cloud Run (K_SERVICE set), so nothing is missing;
// - credentials come from Secret Manager, never a plain value.
import { loadConfig as loadAuthConfig } from '@sentinel/auth';
import { loadEscrowConfig, parseWebhookEndpoints } from '@sentinel/escrow';
import { loadConfig as loadRiskApiConfig } from '@sentinel/risk-api';
import { loadIngestionConfig } from '@sentinel/telco';
import { literal, localMap, type TerraformDir } from './terraform.ts';

type Env = Record<string, string | undefined>;
type Loader = (env: Env) => readonly string[];

const issuesOf = (result: { ok: boolean; issues?: readonly string[] }): readonly string[] =>
  result.ok ? [] : (result.issues ?? []);

/** What each deployable's main.ts loads from process.env. */
const LOADERS = {
  'risk-api': [
    (env) => issuesOf(loadRiskApiConfig(env)),
    // main.ts: loadIngestionConfig({ ...process.env, TELCO_STORE: config.store })
    (env) => issuesOf(loadIngestionConfig(withStore(env))),
  ],
  auth: [(env) => issuesOf(loadAuthConfig(env))],
  escrow: [
    (env) => {
      const loaded = loadEscrowConfig(env);
      const endpoints = parseWebhookEndpoints(loaded.config?.webhooksJson ?? '{}');
      return [...issuesOf(loaded), ...(endpoints.ok ? [] : endpoints.issues)];
    },
  ],
  'telco-ingestion': [(env) => issuesOf(loadIngestionConfig(env))],
} satisfies Record<string, Loader[]>;

/** risk-api's main.ts sets TELCO_STORE itself; a proxy is not spread, so the wrapper does it. */
function withStore(env: Env): Env {
  return new Proxy(env, {
    get: (target, name): string | undefined =>
      name === 'TELCO_STORE' ? 'firestore' : (Reflect.get(target, name) as string | undefined),
  });
}

/** Terraform module (a cloud-run-service call in the stack) → the deployable whose image it runs. */
export const SERVICE_MODULES: Record<string, keyof typeof LOADERS> = {
  risk_api: 'risk-api',
  auth: 'auth',
  escrow_api: 'escrow',
  escrow_on_decision: 'escrow',
  escrow_on_outcome: 'escrow',
  poll_sim_swaps: 'telco-ingestion',
  camara_webhook: 'telco-ingestion',
};

/** Variables a loader reads that Terraform leaves unset on purpose, and why. */
export const LEFT_UNSET: Record<string, Record<string, string>> = {
  '*': {
    PORT: 'Cloud Run sets it',
    HOST: 'the default 0.0.0.0 is what Cloud Run needs',
    K_SERVICE: 'Cloud Run sets it',
    TELCO_TWILIO_BASE_URL: 'a local fake of Twilio only',
  },
  auth: {
    AUTH_PORT: 'PORT is used on Cloud Run',
    AUTH_DEMO_ENROLMENT_TENANT: 'the local demo page; refused on Cloud Run',
    TWILIO_BASE_URL: 'a local fake of Twilio Verify; refused on Cloud Run',
  },
  risk_api: {
    // The console (issue 15) is off on Cloud Run unless an operator turns it on (docs/console.md).
    SENTINEL_DEMO_OPERATOR_URL: 'the local demo’s operator simulator only',
    SENTINEL_CONSOLE_DIR: 'the image serves the console built into it',
    SENTINEL_CONSOLE_TENANT: 'the local demo page only',
    SENTINEL_CONSOLE_FEED: 'follows SENTINEL_CONSOLE (off)',
    SENTINEL_ESCROW_BASE_URL: "the analyst view's escrow proxy: local demo only",
    SENTINEL_ESCROW_EVENTS_TOPIC: 'read only with the console feed on',
    SENTINEL_WORKERS:
      'one event loop per instance unless an operator opts in (docs/performance.md)',
    SENTINEL_MEMORY_MAX_DECISIONS: 'the memory store only; Cloud Run runs on Firestore',
  },
  escrow_on_decision: { ESCROW_SWEEP_TOKEN: 'the sweep route is on escrowApi only' },
  escrow_on_outcome: { ESCROW_SWEEP_TOKEN: 'the sweep route is on escrowApi only' },
};

/** Values Terraform only knows at apply time: a stand-in of the right shape for the loaders. */
const APPLY_TIME: Record<string, string> = {
  GOOGLE_CLOUD_PROJECT: 'sentinel-prod',
  LOG_LEVEL: 'info',
  SENTINEL_AUTH_BASE_URL: 'https://auth.sentinel.example',
  SENTINEL_RATE_ASSESS_PER_SECOND: '50',
  SENTINEL_RATE_ASSESS_BURST: '100',
  SENTINEL_RATE_WRITES_PER_SECOND: '10',
  SENTINEL_RATE_WRITES_BURST: '50',
  SENTINEL_FIRESTORE_DOCUMENTS: 'text',
  AUTH_RP_ID: 'sentinel.example',
  AUTH_RP_NAME: 'Sentinel',
  AUTH_ORIGINS: 'https://auth.sentinel.example',
  AUTH_EMAIL_OTP_TENANTS: '',
  TELCO_ROUTES: '+27=camara,*=twilio',
  TELCO_CAMARA_BASE_URL: 'https://operator.example/camara/sim-swap/v2',
  TELCO_CAMARA_TOKEN_URL: 'https://operator.example/oauth2/token',
  TELCO_CAMARA_CLIENT_AUTH: 'basic',
  TELCO_SUBSCRIPTIONS_BASE_URL: 'https://operator.example/camara/sim-swap-subscriptions/v0.3',
  TELCO_WEBHOOK_URL: 'https://camara-webhook-123.africa-south1.run.app',
};

/** Secret Manager values of the shape each loader checks (fake, never real credentials). */
const SECRET_VALUES: Record<string, string> = {
  SENTINEL_API_KEYS: 'bank-a:fake-api-key-aaaaaaaaaaaaaaaa',
  SENTINEL_ADMIN_KEYS: 'bank-a:fake-admin-key-bbbbbbbbbbbbbb',
  SENTINEL_PLATFORM_KEYS: 'ops:fake-platform-key-cccccccccccc',
  SENTINEL_PSEUDONYM_KEY: 'fake-pseudonym-key-0123456789abcdef',
  SENTINEL_STEP_UP_SECRET: 'fake-step-up-secret-0123456789abcd',
  AUTH_TOTP_KEY: Buffer.alloc(32, 7).toString('base64'),
  AUTH_SWEEP_TOKEN: 'fake-auth-sweep-token-0123456789',
  TWILIO_ACCOUNT_SID: 'AC-test-fake-account',
  TWILIO_AUTH_TOKEN: 'fake-twilio-auth-token',
  TWILIO_VERIFY_SERVICE_SID: 'VA-local-fake-service',
  ESCROW_WEBHOOKS: '{}',
  ESCROW_SWEEP_TOKEN: 'fake-escrow-sweep-token-012345678',
  TELCO_CAMARA_CLIENT_ID: 'fake-client-id',
  TELCO_CAMARA_CLIENT_SECRET: 'fake-client-secret',
  TELCO_TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
  TELCO_TWILIO_AUTH_TOKEN: 'fake-twilio-lookup-token',
  TELCO_WEBHOOK_TOKENS: 'fake-sink-token-0123456789',
};

/** Names that hold credentials: they must come from Secret Manager. */
const CREDENTIAL = /(_KEYS?|_SECRET|_TOKENS?|_SID|_WEBHOOKS|_CLIENT_ID)$/;

export interface ServiceEnv {
  readonly plain: Record<string, unknown>;
  readonly secrets: Record<string, unknown>;
}

/** A cloud-run-service module call's environment, as Terraform evaluates it. */
export function serviceEnv(stack: TerraformDir, module: string): ServiceEnv {
  const call = stack.modules[module];
  if (call === undefined) {
    throw new Error(`no module ${module} in the stack`);
  }
  return {
    plain: localMap(call['env'] ?? {}, stack.locals),
    secrets: localMap(call['secret_env'] ?? {}, stack.locals),
  };
}

/** Every problem of one service's environment (empty: the config and Terraform agree). */
export function envProblems(module: string, env: ServiceEnv): string[] {
  const deployable = SERVICE_MODULES[module];
  if (deployable === undefined) {
    return [`${module}: no config loader is known for this service (add it to SERVICE_MODULES)`];
  }
  const problems: string[] = [];
  const values: Env = { K_SERVICE: module, PORT: '8080' };
  for (const [name, value] of Object.entries(env.plain)) {
    const known = literal(value) ?? APPLY_TIME[name];
    if (known === undefined) {
      problems.push(`${module}: ${name} is set at apply time; give it a stand-in in APPLY_TIME`);
    }
    values[name] = known;
    if (CREDENTIAL.test(name)) {
      problems.push(
        `${module}: ${name} is a credential; mount it from Secret Manager (secret_env)`,
      );
    }
  }
  for (const name of Object.keys(env.secrets)) {
    if (name in env.plain) {
      problems.push(`${module}: ${name} is set both plain and from Secret Manager`);
    }
    values[name] = SECRET_VALUES[name] ?? `fake-secret-value-for-${name}`;
  }
  const read = new Set<string>();
  const recorded = new Proxy(values, {
    get(target, name): string | undefined {
      if (typeof name === 'string') {
        read.add(name);
      }
      return Reflect.get(target, name) as string | undefined;
    },
  });
  for (const load of LOADERS[deployable]) {
    for (const issue of load(recorded)) {
      problems.push(`${module}: the config refuses it: ${issue}`);
    }
  }
  const unset = { ...LEFT_UNSET['*'], ...LEFT_UNSET[module] };
  const set = new Set([...Object.keys(env.plain), ...Object.keys(env.secrets)]);
  for (const name of [...read].sort()) {
    if (!set.has(name) && !(name in unset)) {
      problems.push(`${module}: ${name} is read by its config but not set`);
    }
  }
  for (const name of [...set].sort()) {
    if (!read.has(name)) {
      problems.push(`${module}: ${name} is set but its config never reads it`);
    }
  }
  return problems;
}

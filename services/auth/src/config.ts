import { createHash } from 'node:crypto';
import { LOCAL_STEP_UP_SECRET } from '@sentinel/contracts';
import {
  apiKeyEntries,
  envFields,
  type ConfigResult as KernelConfigResult,
  type Env,
  type LogLevel,
} from '@sentinel/kernel';
import { DEFAULT_TENANT } from '@sentinel/store';
import type { TenantKey } from './http/auth.ts';

/** Twilio Verify credentials; `baseUrl` points the real client at a local fake (tests, npm start). */
export interface TwilioConfig {
  readonly accountSid: string;
  readonly authToken: string;
  readonly serviceSid: string;
  readonly baseUrl?: string;
}

/** A token bucket: codes per second and how many may go at once after a quiet spell. */
export interface SendLimit {
  readonly ratePerSecond: number;
  readonly burst: number;
}

export interface AuthConfig {
  readonly port: number;
  readonly host: string;
  readonly store: 'firestore' | 'memory';
  readonly projectId: string;
  readonly keys: readonly TenantKey[];
  /** HMAC key of the challenges' client secrets, shared with risk-api. */
  readonly stepUpSecret: Buffer;
  readonly rp: {
    readonly id: string;
    readonly name: string;
    readonly origins: readonly string[];
    /** The frame ancestors: a passkey assertion made in their frame names one as top origin. */
    readonly topOrigins: readonly string[];
  };
  /** AES-256-GCM key of the TOTP secrets at rest (32 bytes). */
  readonly totpKey: Buffer;
  /** Unset: no SMS or e-mail codes can be sent (they are refused as unavailable). */
  readonly twilio: TwilioConfig | null;
  /** Tenants that opted in to e-mail codes (low assurance, never for a HIGH-risk step-up). */
  readonly emailOtpTenants: readonly string[];
  /**
   * Local only (npm start): the tenant whose customers may enrol a passkey on `/demo/enrol` with
   * no API key. null (the default, and always on Cloud Run): the page does not exist.
   */
  readonly demoEnrolmentTenant: string | null;
  /**
   * Origins that may embed the step-up page in a frame (AUTH_FRAME_ANCESTORS, e.g. the console's
   * origin: its payment app shows the page in the phone frame). Default: none besides this one.
   */
  readonly frameAncestors: readonly string[];
  readonly sendLimits: { readonly perUser: SendLimit; readonly perTenant: SendLimit };
  readonly outcomesTopic: string;
  readonly outcomesSchemaId: string;
  readonly ensureTopic: boolean;
  /** How often the instance runs the expiry and outcome sweep itself (0: only POST /internal/sweep). */
  readonly sweepMs: number;
  /**
   * The bearer token of `POST /internal/sweep` (Cloud Scheduler sends it; Secret Manager). The
   * service is public — the customer's app calls it — so the route needs its own credential; null:
   * the route does not exist and only each instance's own interval sweeps.
   */
  readonly sweepToken: string | null;
  readonly logLevel: LogLevel;
  readonly insecureDefaults: readonly string[];
}

export type AuthConfigResult = KernelConfigResult<AuthConfig>;

/** The only reader of the auth service's environment; lists every problem at once. */
export function loadConfig(env: Env): AuthConfigResult {
  const f = envFields(env);
  // AUTH_PORT locally (npm start runs every service at once); PORT where the platform sets it
  // (Cloud Run, the container image).
  const port = f.port('AUTH_PORT', f.port('PORT', 8081, { allowAny: true }), { allowAny: true });
  const host = f.text('HOST', { fallback: '0.0.0.0' });
  const rpId = f.text('AUTH_RP_ID', { fallback: 'localhost' });
  const rpName = f.text('AUTH_RP_NAME', { fallback: 'Sentinel' });
  const origins = f.list('AUTH_ORIGINS') ?? ['http://localhost:8081'];
  const stepUpSecret = f.secret('SENTINEL_STEP_UP_SECRET', 16);
  const totpKeyText = f.optional('AUTH_TOTP_KEY');
  const totpKey = totpKeyText === undefined ? undefined : Buffer.from(totpKeyText, 'base64');
  if (totpKey !== undefined && totpKey.length !== 32) {
    f.issue('AUTH_TOTP_KEY', 'must be 32 bytes, base64');
  }
  const twilio = twilioConfig(f);
  const emailOtpTenants = f.list('AUTH_EMAIL_OTP_TENANTS') ?? [];
  const demoEnrolmentTenant = f.optional('AUTH_DEMO_ENROLMENT_TENANT') ?? null;
  if (demoEnrolmentTenant !== null && f.onCloudRun) {
    f.issue('AUTH_DEMO_ENROLMENT_TENANT', 'is for the local demo only; unset it on Cloud Run');
  }
  const frameAncestors = f.list('AUTH_FRAME_ANCESTORS') ?? [];
  for (const origin of frameAncestors) {
    if (!URL.canParse(origin) || new URL(origin).origin !== origin) {
      f.issue('AUTH_FRAME_ANCESTORS', `not an origin (scheme://host[:port]): ${origin}`);
    }
  }
  const rate = (name: string, fallback: number) => f.positive(name, { max: 1_000_000, fallback });
  const burst = (name: string, fallback: number) =>
    f.int(name, { min: 1, max: 1_000_000, fallback });
  const sendLimits = {
    // A customer: 5 codes at once, then one every 2 minutes (whatever the number of challenges).
    perUser: {
      ratePerSecond: rate('AUTH_SENDS_PER_USER_PER_SECOND', 1 / 120),
      burst: burst('AUTH_SENDS_PER_USER_BURST', 5),
    },
    // A tenant: SMS pumping bounds the bill; per instance (docs/step-up.md).
    perTenant: {
      ratePerSecond: rate('AUTH_SENDS_PER_TENANT_PER_SECOND', 5),
      burst: burst('AUTH_SENDS_PER_TENANT_BURST', 50),
    },
  };
  const outcomesTopic = f.text('SENTINEL_OUTCOMES_TOPIC', { fallback: 'risk-outcomes' });
  const outcomesSchemaId = f.text('SENTINEL_OUTCOMES_SCHEMA', { fallback: 'risk-outcome' });
  const ensureTopic = f.flag('SENTINEL_ENSURE_TOPIC') ?? false;
  const sweepMs = f.int('AUTH_SWEEP_MS', { min: 0, max: 3_600_000, fallback: 10_000 });
  const sweepToken = f.secret('AUTH_SWEEP_TOKEN', 24) ?? null;
  const logLevel = f.logLevel();

  f.required('SENTINEL_API_KEYS', 'at least one API key is required');
  const keys = apiKeyEntries(f, 'SENTINEL_API_KEYS', DEFAULT_TENANT).map(({ id, key }) => ({
    tenant: id,
    key,
  }));
  const insecureDefaults: string[] = [];
  if (stepUpSecret === undefined) {
    f.missingSecret('SENTINEL_STEP_UP_SECRET', insecureDefaults);
  }
  if (totpKeyText === undefined) {
    f.missingSecret('AUTH_TOTP_KEY', insecureDefaults);
  }
  const { store, projectId } = f.store('SENTINEL_STORE');
  return f.result(() => ({
    port,
    host,
    store,
    projectId,
    keys,
    stepUpSecret: Buffer.from(stepUpSecret ?? LOCAL_STEP_UP_SECRET, 'utf8'),
    rp: { id: rpId, name: rpName, origins, topOrigins: frameAncestors },
    // Locally a fixed dev key derived from a public label (logged as insecure): enrolments
    // survive a restart; never on Cloud Run, where AUTH_TOTP_KEY is required.
    totpKey: totpKey ?? createHash('sha256').update('sentinel/local-dev-totp-key').digest(),
    twilio,
    emailOtpTenants,
    demoEnrolmentTenant,
    frameAncestors,
    sendLimits,
    outcomesTopic,
    outcomesSchemaId,
    ensureTopic,
    sweepToken,
    sweepMs,
    logLevel,
    insecureDefaults,
  }));
}

function twilioConfig(f: ReturnType<typeof envFields>): TwilioConfig | null {
  const accountSid = f.optional('TWILIO_ACCOUNT_SID');
  const authToken = f.optional('TWILIO_AUTH_TOKEN');
  const serviceSid = f.optional('TWILIO_VERIFY_SERVICE_SID');
  const baseUrl = f.optional('TWILIO_BASE_URL');
  if (accountSid === undefined && authToken === undefined && serviceSid === undefined) {
    return null;
  }
  if (accountSid === undefined || authToken === undefined || serviceSid === undefined) {
    f.issue(
      'TWILIO_*',
      'set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_VERIFY_SERVICE_SID together',
    );
    return null;
  }
  if (!accountSid.startsWith('AC')) {
    f.issue('TWILIO_ACCOUNT_SID', 'must start with AC');
  }
  if (baseUrl !== undefined && f.onCloudRun) {
    f.issue('TWILIO_BASE_URL', 'is for a local fake only; unset it on Cloud Run');
  }
  return {
    accountSid,
    authToken,
    serviceSid,
    ...(baseUrl === undefined ? {} : { baseUrl: f.url('TWILIO_BASE_URL', baseUrl) }),
  };
}

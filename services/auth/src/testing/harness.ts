import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { clientSecret, type StepUpChallenge } from '@sentinel/contracts';
import { aStepUpRecord } from '@sentinel/contracts/testing';
import { createLogger } from '@sentinel/kernel';
import { FakeClock } from '@sentinel/kernel/testing';
import {
  MemoryCustomerFactors,
  MemoryDecisionLog,
  MemoryPolicyStores,
  MemoryRiskStateStore,
  type CustomerFactors,
  type DecisionLog,
  type ForTenant,
  type PolicyStores,
  type RiskStateStore,
  type StepUpChallengeStore,
} from '@sentinel/store';
import { MemoryOutcomePublisher } from '../adapters/memory-outcome-publisher.ts';
import { twilioVerify } from '../adapters/twilio-verify.ts';
import { composeAuth, type AuthAdapters } from '../compose.ts';
import { loadConfig } from '../config.ts';
import type { FactorService } from '../factors-port.ts';
import { startFakeTwilio } from './fake-twilio.ts';

export const API_KEY = 'bank-auth-key-0001';
export const OTHER_KEY = 'other-auth-key-0002';
export const TENANT = 'bank';
export const OTHER_TENANT = 'other';
export const STEP_UP_SECRET = 'test-step-up-secret-0123456789';
/** The bearer of `POST /internal/sweep` in tests (Cloud Scheduler's in production). */
export const SWEEP_TOKEN = 'test-sweep-token-0123456789abcdef';
export const T0 = new Date('2026-11-21T10:00:00.000Z');
export const TWILIO = {
  accountSid: 'AC-test-fake-account',
  authToken: 'fake-auth-token-0001',
  serviceSid: 'VA-test-fake-service',
};
export const ALICE = { userId: 'alice', phoneNumber: '+27821230001', email: 'alice@example.test' };

/** The client secret risk-api puts in Alice's challengeUrl. */
export const secretFor = (id: string, tenant = TENANT): string =>
  clientSecret(Buffer.from(STEP_UP_SECRET), tenant, id);

/**
 * An auth service on a real loopback server, on in-memory adapters with a fake clock, the real
 * twilio client against the fake Twilio, and the real factors module (passkeys, TOTP) unless
 * `factors` puts a double in its place. Alice is onboarded with a phone and an e-mail address; her
 * SIM signal is whatever the test puts. `AUTH_ORIGINS` is the server's own `pageOrigin`
 * (`http://localhost:<port>`: WebAuthn's RP id `localhost`) unless `env` says otherwise.
 */
export async function startTestAuth(opts: {
  /** A double of the factors module, for tests about the challenge routes' own logic. */
  readonly factors?: FactorService;
  readonly env?: Record<string, string>;
  readonly adapters?: Partial<AuthAdapters>;
  /** Default: a fake clock at T0 (share one with a risk-api in cross-service tests). */
  readonly clock?: FakeClock;
  /** Default: one in-memory store (the decision log creates the challenges). */
  readonly stores?: {
    readonly log: DecisionLog;
    readonly challenges: StepUpChallengeStore;
    readonly state: RiskStateStore;
    readonly policyStores: PolicyStores;
    readonly customerFactors?: ForTenant<CustomerFactors>;
  };
}) {
  const clock = opts.clock ?? new FakeClock(T0);
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: 'debug',
    projectId: 'test',
    service: 'auth',
    write: (line) => logs.push(JSON.parse(line) as Record<string, unknown>),
  });
  const twilio = await startFakeTwilio(TWILIO);
  // Listen first: the allowed WebAuthn origin is this server's own.
  const target: { fetch?: (request: Request) => Response | Promise<Response> } = {};
  const server = serve({
    fetch: (request: Request) =>
      target.fetch === undefined ? new Response(null, { status: 503 }) : target.fetch(request),
    port: 0,
    hostname: '127.0.0.1',
  });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  const pageOrigin = `http://localhost:${port}`;
  const loaded = loadConfig({
    AUTH_ORIGINS: pageOrigin,
    SENTINEL_STORE: 'memory',
    SENTINEL_API_KEYS: `${TENANT}:${API_KEY},${OTHER_TENANT}:${OTHER_KEY}`,
    SENTINEL_STEP_UP_SECRET: STEP_UP_SECRET,
    AUTH_TOTP_KEY: Buffer.alloc(32, 7).toString('base64'),
    TWILIO_ACCOUNT_SID: TWILIO.accountSid,
    TWILIO_AUTH_TOKEN: TWILIO.authToken,
    TWILIO_VERIFY_SERVICE_SID: TWILIO.serviceSid,
    TWILIO_BASE_URL: twilio.baseUrl,
    AUTH_SWEEP_MS: '0',
    AUTH_SWEEP_TOKEN: SWEEP_TOKEN,
    ...opts.env,
  });
  if (!loaded.ok) {
    throw new Error(loaded.issues.join('; '));
  }
  const memoryLog = new MemoryDecisionLog();
  const stores = opts.stores ?? {
    log: memoryLog,
    challenges: memoryLog.challenges,
    state: new MemoryRiskStateStore(),
    policyStores: new MemoryPolicyStores(),
  };
  const { log, state } = stores;
  const customerFactors = stores.customerFactors ?? new MemoryCustomerFactors();
  const publisher = new MemoryOutcomePublisher();
  await state.forTenant(TENANT).putProfile({
    userId: ALICE.userId,
    phoneNumber: ALICE.phoneNumber,
    devices: [],
    enrolledFactors: [],
    contacts: { email: ALICE.email },
  });
  const twilioConfig = loaded.config.twilio;
  const adapters: AuthAdapters = {
    challenges: stores.challenges,
    profiles: state,
    signals: state,
    policyStores: stores.policyStores,
    publisher,
    customerFactors,
    ...(opts.factors === undefined ? {} : { factors: opts.factors }),
    codes: twilioConfig === null ? null : twilioVerify(twilioConfig),
    ready: () => Promise.resolve(),
    ...opts.adapters,
  };
  const service = composeAuth(loaded.config, adapters, { logger, clock });
  target.fetch = service.app.fetch;

  /** A STEP_UP decision of Alice's, recorded as risk-api records it; returns its challenge. */
  const stepUp = async (
    challenge: Partial<StepUpChallenge> = {},
    tenant = TENANT,
  ): Promise<StepUpChallenge> => {
    const record = aStepUpRecord({ clientId: tenant, decidedAt: clock.now() });
    const full = { ...record.challenge, userId: ALICE.userId, ...challenge };
    await log.record({ ...record, userId: ALICE.userId, challenge: full });
    return full;
  };

  /** One HTTP request; `auth` is the bearer credential (default: the bank's API key). */
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the body type
  const call = async <T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    auth: string | null = API_KEY,
  ) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(auth === null ? {} : { authorization: `Bearer ${auth}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: (text === '' ? null : JSON.parse(text)) as T,
    };
  };

  return {
    service,
    baseUrl,
    /** The same server as `http://localhost:<port>`: where a browser opens the step-up page. */
    pageOrigin,
    customerFactors,
    /** The challenge store, for a test that changes a challenge behind the service's back. */
    challenges: stores.challenges,
    clock,
    logs,
    log,
    state,
    publisher,
    twilio,
    stepUp,
    call,
    /** Alice's SIM signal: swapped `swappedHoursAgo` ago (null: never), checked `checkedMsAgo` ago. */
    setSim: (swappedHoursAgo: number | null, checkedMsAgo = 0) =>
      state.putSimSwapSignal({
        phoneNumber: ALICE.phoneNumber,
        lastSwapAt:
          swappedHoursAgo === null
            ? null
            : new Date(clock.now().getTime() - swappedHoursAgo * 3_600_000),
        checkedAt: new Date(clock.now().getTime() - checkedMsAgo),
        source: 'camara',
      }),
    async close(): Promise<void> {
      await service.stop();
      await new Promise((resolve) => server.close(resolve));
      await twilio.close();
    },
  };
}

export type TestAuth = Awaited<ReturnType<typeof startTestAuth>>;

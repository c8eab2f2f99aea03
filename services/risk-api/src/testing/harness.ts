import type { ConsoleAsset } from '@sentinel/console';
// Test-only helpers: a fully composed risk-api on chosen adapters, a settable clock, payment bodies.
import { MemoryDecisionEventPublisher } from '../adapters/memory/memory-decision-event-publisher.ts';
import { MemoryDecisionLog } from '@sentinel/store';
import { MemoryPolicyStores } from '@sentinel/store';
import { MemoryRiskStateStore } from '@sentinel/store';
import { MemoryReportedOutcomes } from '@sentinel/store';
import { MemoryOutcomeEventPublisher } from '../adapters/memory/memory-outcome-event-publisher.ts';
import { composeRiskApi, type Adapters } from '../compose.ts';
import { loadConfig, type Config } from '../config.ts';
import type { Clock } from '@sentinel/kernel';
import { FakeClock } from '@sentinel/kernel/testing';
import { createLogger } from '@sentinel/kernel';
import type { ProblemBody } from '../http/problem.ts';

export const API_KEY = 'bank-test-key-0001';
export const OTHER_KEY = 'other-bank-key-0002';
export const ADMIN_KEY = 'bank-admin-key-0003';
export const OTHER_ADMIN_KEY = 'other-admin-key-0004';
export const PLATFORM_KEY = 'platform-operator-key-0005';
/** The tenants of API_KEY and OTHER_KEY. */
export const TENANT = 'bank';
/** SENTINEL_STEP_UP_SECRET of the test config: the key of the challenge URLs' client secrets. */
export const STEP_UP_SECRET = 'test-step-up-secret-0123456789';
export const OTHER_TENANT = 'other';

export const T0 = new Date('2026-11-21T10:00:00.000Z');

/** A clock the test moves by hand, starting at `T0`: budgets and deadlines run on it too. */
export function settableClock(start = T0): FakeClock {
  return new FakeClock(start);
}

/** Rate limits no test or benchmark reaches: set them lower to test the limiter itself. */
export const UNLIMITED_RATES = {
  SENTINEL_RATE_ASSESS_PER_SECOND: '1000000',
  SENTINEL_RATE_ASSESS_BURST: '1000000',
  SENTINEL_RATE_WRITES_PER_SECOND: '1000000',
  SENTINEL_RATE_WRITES_BURST: '1000000',
} as const;

export function testConfig(env: Record<string, string> = {}): Config {
  const loaded = loadConfig({
    SENTINEL_STORE: 'memory',
    SENTINEL_API_KEYS: `bank:${API_KEY},other:${OTHER_KEY}`,
    SENTINEL_ADMIN_KEYS: `bank:${ADMIN_KEY},other:${OTHER_ADMIN_KEY}`,
    SENTINEL_PLATFORM_KEYS: `ops:${PLATFORM_KEY}`,
    SENTINEL_PSEUDONYM_KEY: 'test-pseudonym-key-0123456789',
    SENTINEL_STEP_UP_SECRET: STEP_UP_SECRET,
    // Out of the way unless a test is about rate limits (it sets its own).
    ...UNLIMITED_RATES,
    ...env,
  });
  if (!loaded.ok) {
    throw new Error(loaded.issues.join('; '));
  }
  return loaded.config;
}

export function memoryAdapters() {
  return {
    state: new MemoryRiskStateStore(),
    log: new MemoryDecisionLog(),
    policyStores: new MemoryPolicyStores(),
    publisher: new MemoryDecisionEventPublisher(),
    outcomes: new MemoryReportedOutcomes(),
    outcomePublisher: new MemoryOutcomeEventPublisher(),
  };
}

/** A composed risk-api whose logs are captured in `logs` (tests must not print). */
export function testApi<A extends Adapters, C extends Clock = FakeClock>(opts: {
  readonly adapters: A;
  /** Default: a fake clock at `T0` (the test moves it, budgets included). */
  readonly clock?: C;
  readonly env?: Record<string, string>;
  readonly demo?: boolean;
  readonly consoleAssets?: ReadonlyMap<string, ConsoleAsset> | null;
}) {
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: 'debug',
    projectId: 'test',
    service: 'risk-api',
    write: (line) => logs.push(JSON.parse(line) as Record<string, unknown>),
  });
  // Without a clock of its own the test gets the fake one, so C is FakeClock then.
  const clock = opts.clock ?? (settableClock() as unknown as C);
  const api = composeRiskApi(testConfig(opts.env), opts.adapters, {
    logger,
    clock,
    ...(opts.demo === undefined ? {} : { demo: opts.demo }),
    ...(opts.consoleAssets === undefined ? {} : { consoleAssets: opts.consoleAssets }),
  });
  /** One request through the app; the body is parsed as `T` (the test states what it expects). */
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the body type
  const call = async <T = ProblemBody>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const res = await api.app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${API_KEY}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined
        ? {}
        : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    const json = (text === '' ? null : JSON.parse(text)) as T;
    return { status: res.status, headers: res.headers, body: json };
  };
  return { api, adapters: opts.adapters, clock, logs, call };
}

export const ALICE = {
  userId: 'u-alice',
  phoneNumber: '+27821110001',
  deviceId: 'alice-device-1',
  imei: '356938035643809',
};

/** Alice's profile: one device bound 200 days before T0, a passkey, an e-mail address. */
export function aliceProfile() {
  return {
    phoneNumber: ALICE.phoneNumber,
    devices: [{ id: ALICE.deviceId, imei: ALICE.imei, boundAt: '2026-05-05T10:00:00Z' }],
    homeLocation: { lat: -26.2041, lon: 28.0473 },
    enrolledFactors: ['WEBAUTHN'],
    contacts: { email: 'alice@example.test' },
  };
}

/** A clean PayShap payment by Alice from her bound device. */
export function alicePayment(overrides: Record<string, unknown> = {}) {
  return {
    transactionId: `tx-${Math.random().toString(36).slice(2, 10)}`,
    userId: ALICE.userId,
    phoneNumber: ALICE.phoneNumber,
    amount: { minor: 125_000, currency: 'ZAR' },
    channel: 'PAYSHAP',
    device: { id: ALICE.deviceId, imei: ALICE.imei },
    ipAddress: '196.25.1.1',
    ...overrides,
  };
}

// The auth service's step-up ceremonies, measured in process through its own app (`composeAuth`
// with the real factors module it builds): passkey request options, passkey verification (an ES256
// assertion from a software authenticator) and a TOTP code, each beside the cheapest challenge
// route measured in the same run, `GET /v1/challenges/{id}` (one challenge read and the customer's
// factors), as the baseline. Each request is `app.request` on a fresh challenge: no socket, no
// load generator sharing the cores; concurrency is requests in flight at once.
import { PubSubOutcomePublisher, ensureAvroTopic } from '@sentinel/pubsub';
import { Firestore } from '@google-cloud/firestore';
import { PubSub } from '@google-cloud/pubsub';
import { URI, type TOTP } from 'otpauth';
import { composeAuth, loadConfig, MemoryOutcomePublisher, type AuthAdapters } from '@sentinel/auth';
import { SoftwareAuthenticator } from '@sentinel/auth/testing';
import { clientSecret, OUTCOME_AVSC_PATH, type StepUpChallenge } from '@sentinel/contracts';
import { aStepUpRecord } from '@sentinel/contracts/testing';
import { createLogger, systemClock } from '@sentinel/kernel';
import { FakeClock } from '@sentinel/kernel/testing';
import {
  FirestoreCustomerFactors,
  FirestoreDecisionLog,
  FirestorePolicyStores,
  FirestoreRiskStateStore,
  FirestoreStepUpChallenges,
  firestoreSettings,
  MemoryDecisionLog,
  MemoryPolicyStores,
  MemoryRiskStateStore,
  type DecisionLog,
} from '@sentinel/store';
import { summarise } from './stats.ts';

const TENANT = 'bench';
const API_KEY = 'bench-auth-key-0001';
const STEP_UP_SECRET = 'bench-step-up-secret-0123456789';
const ORIGIN = 'http://localhost:8081';
const STEP_MS = 30_000;

/** One operation at one concurrency on one store. */
export interface AuthRun {
  readonly store: 'memory' | 'emulators';
  readonly operation: AuthOperation;
  readonly concurrency: number;
  readonly n: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly opsPerSec: number;
  readonly errors: number;
}

export const AUTH_OPERATIONS = [
  'challenge view (baseline)',
  'passkey options',
  'passkey verify',
  'TOTP verify',
] as const;
export type AuthOperation = (typeof AUTH_OPERATIONS)[number];

interface Customer {
  readonly userId: string;
  readonly authenticator: SoftwareAuthenticator;
  readonly totp: TOTP;
}

type Call = (
  method: string,
  path: string,
  body: unknown,
  bearer: string,
) => Promise<{ status: number; body: unknown }>;

/** The auth service on memory or on the emulators named in the env, and a way to make challenges. */
async function composeBench(store: 'memory' | 'firestore', projectId: string) {
  const clock = new FakeClock(new Date());
  const loaded = loadConfig({
    SENTINEL_STORE: store,
    GOOGLE_CLOUD_PROJECT: projectId,
    SENTINEL_API_KEYS: `${TENANT}:${API_KEY}`,
    SENTINEL_STEP_UP_SECRET: STEP_UP_SECRET,
    AUTH_TOTP_KEY: Buffer.alloc(32, 9).toString('base64'),
    AUTH_ORIGINS: ORIGIN,
    AUTH_SWEEP_MS: '0',
    LOG_LEVEL: 'warn',
  });
  if (!loaded.ok) {
    throw new Error(loaded.issues.join('; '));
  }
  const logger = createLogger({
    level: 'warn',
    projectId,
    service: 'auth-bench',
    write: () => undefined,
  });
  let log: DecisionLog;
  let close = (): Promise<void> => Promise.resolve();
  let adapters: AuthAdapters;
  if (store === 'memory') {
    const memoryLog = new MemoryDecisionLog();
    const state = new MemoryRiskStateStore();
    log = memoryLog;
    adapters = {
      challenges: memoryLog.challenges,
      profiles: state,
      signals: state,
      policyStores: new MemoryPolicyStores(),
      publisher: new MemoryOutcomePublisher(),
      customerFactors: state.factors,
      codes: null,
      ready: () => Promise.resolve(),
    };
  } else {
    const db = new Firestore({
      ...firestoreSettings({ projectId }),
      ignoreUndefinedProperties: true,
    });
    const pubsub = new PubSub({ projectId });
    await ensureAvroTopic(pubsub, {
      topic: 'risk-outcomes',
      schemaId: 'risk-outcome',
      avscPath: OUTCOME_AVSC_PATH,
    });
    const state = new FirestoreRiskStateStore(db);
    log = new FirestoreDecisionLog(db);
    adapters = {
      challenges: new FirestoreStepUpChallenges(db),
      profiles: state,
      signals: state,
      policyStores: new FirestorePolicyStores(db),
      publisher: new PubSubOutcomePublisher(pubsub, {
        topic: 'risk-outcomes',
        timeoutMs: 5_000,
        clock: systemClock,
      }),
      customerFactors: new FirestoreCustomerFactors(db),
      codes: null,
      ready: () => Promise.resolve(),
    };
    close = async () => {
      await Promise.all([pubsub.close(), db.terminate()]);
    };
  }
  // The real factors module: composeAuth builds it on `customerFactors` with this clock.
  const service = composeAuth(loaded.config, adapters, { logger, clock });
  const call: Call = async (method, path, body, bearer) => {
    const res = await service.app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${bearer}`,
        origin: ORIGIN,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
  };
  /** A STEP_UP decision of `userId`'s, recorded as risk-api records it; its challenge. */
  const stepUp = async (userId: string): Promise<StepUpChallenge> => {
    const record = aStepUpRecord({ clientId: TENANT, decidedAt: clock.now() });
    const challenge = { ...record.challenge, userId };
    await log.record({ ...record, userId, challenge });
    return challenge;
  };
  return {
    clock,
    call,
    stepUp,
    async close() {
      await service.stop();
      await close();
    },
  };
}

/** Enrols a passkey (through the user routes, as the bank does) and a confirmed TOTP factor. */
async function enrol(
  bench: Awaited<ReturnType<typeof composeBench>>,
  userId: string,
): Promise<Customer> {
  const ok = (what: string, r: { status: number; body: unknown }) => {
    if (r.status >= 300) {
      throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
    }
    return r.body;
  };
  const authenticator = new SoftwareAuthenticator();
  authenticator.counting = false; // a synced passkey: concurrent assertions cannot race a counter
  const options = ok(
    'passkey options',
    await bench.call('POST', `/v1/users/${userId}/passkeys/options`, undefined, API_KEY),
  ) as Parameters<SoftwareAuthenticator['register']>[0];
  ok(
    'passkey registration',
    await bench.call(
      'POST',
      `/v1/users/${userId}/passkeys`,
      authenticator.register(options, ORIGIN),
      API_KEY,
    ),
  );
  const { otpauthUri } = ok(
    'totp enrolment',
    await bench.call('POST', `/v1/users/${userId}/totp`, undefined, API_KEY),
  ) as { otpauthUri: string };
  const totp = URI.parse(otpauthUri) as TOTP;
  ok(
    'totp confirmation',
    await bench.call(
      'POST',
      `/v1/users/${userId}/totp/confirm`,
      { code: totp.generate({ timestamp: bench.clock.now().getTime() }) },
      API_KEY,
    ),
  );
  return { userId, authenticator, totp };
}

/** Runs `op` once per item, `concurrency` at a time; latency of each call and the wall time. */
async function timed<T>(
  items: readonly T[],
  concurrency: number,
  op: (item: T) => Promise<boolean>,
): Promise<{ samples: number[]; wallMs: number; errors: number }> {
  const samples: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        const t0 = performance.now();
        const ok = await op(item);
        samples.push(performance.now() - t0);
        if (!ok) {
          errors++;
        }
      }
    }),
  );
  return { samples, wallMs: performance.now() - started, errors };
}

/** Makes `count` fresh challenges spread over the customers, 20 at a time. */
async function challenges(
  bench: Awaited<ReturnType<typeof composeBench>>,
  customers: readonly Customer[],
  count: number,
): Promise<{ challenge: StepUpChallenge; customer: Customer }[]> {
  const made: { challenge: StepUpChallenge; customer: Customer }[] = [];
  for (let i = 0; i < count; i += 20) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(20, count - i) }, async (_, k) => {
        const customer = customers[(i + k) % customers.length] as Customer;
        return { challenge: await bench.stepUp(customer.userId), customer };
      }),
    );
    made.push(...batch);
  }
  return made;
}

/**
 * Every operation at every concurrency on one store. `perRun` challenges per operation and
 * concurrency; TOTP runs use each customer at most once per 30-second step (a code is single use),
 * so at most `customers` of them, and the fake clock moves one step between runs.
 */
export async function runAuthBench(opts: {
  readonly store: 'memory' | 'firestore';
  readonly projectId: string;
  readonly customers: number;
  readonly perRun: number;
  readonly concurrency: readonly number[];
}): Promise<AuthRun[]> {
  const bench = await composeBench(opts.store, opts.projectId);
  const storeName = opts.store === 'memory' ? 'memory' : 'emulators';
  const runs: AuthRun[] = [];
  const record = (
    operation: AuthOperation,
    concurrency: number,
    r: { samples: number[]; wallMs: number; errors: number },
  ) => {
    const s = summarise(r.samples, r.wallMs);
    runs.push({
      store: storeName,
      operation,
      concurrency,
      n: s.n,
      p50Ms: s.p50Ms,
      p95Ms: s.p95Ms,
      p99Ms: s.p99Ms,
      opsPerSec: s.rps,
      errors: r.errors,
    });
  };
  const secret = (c: StepUpChallenge) => clientSecret(Buffer.from(STEP_UP_SECRET), TENANT, c.id);
  try {
    const customers: Customer[] = [];
    for (let i = 0; i < opts.customers; i += 20) {
      customers.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(20, opts.customers - i) }, (_, k) =>
            enrol(bench, `bench-user-${i + k}`),
          ),
        )),
      );
    }
    bench.clock.advance(2 * STEP_MS); // the confirmation codes' step is spent
    for (const concurrency of opts.concurrency) {
      const pending = await challenges(bench, customers, opts.perRun);
      record(
        'challenge view (baseline)',
        concurrency,
        await timed(pending, concurrency, async ({ challenge }) => {
          const r = await bench.call(
            'GET',
            `/v1/challenges/${challenge.id}`,
            undefined,
            secret(challenge),
          );
          return r.status === 200;
        }),
      );
      const options = new Map<string, Parameters<SoftwareAuthenticator['assert']>[0]>();
      record(
        'passkey options',
        concurrency,
        await timed(pending, concurrency, async ({ challenge }) => {
          const r = await bench.call(
            'POST',
            `/v1/challenges/${challenge.id}/webauthn/options`,
            undefined,
            secret(challenge),
          );
          options.set(challenge.id, r.body as Parameters<SoftwareAuthenticator['assert']>[0]);
          return r.status === 200;
        }),
      );
      // The authenticator signs before the clock starts: only the service's check is measured.
      const assertions = pending.map(({ challenge, customer }) => ({
        challenge,
        assertion: customer.authenticator.assert(
          options.get(challenge.id) as Parameters<SoftwareAuthenticator['assert']>[0],
          ORIGIN,
        ),
      }));
      record(
        'passkey verify',
        concurrency,
        await timed(assertions, concurrency, async ({ challenge, assertion }) => {
          const r = await bench.call(
            'POST',
            `/v1/challenges/${challenge.id}/webauthn`,
            assertion,
            secret(challenge),
          );
          return r.status === 200 && (r.body as { status?: string }).status === 'PASSED';
        }),
      );

      const forTotp = await challenges(bench, customers, Math.min(opts.perRun, customers.length));
      const at = bench.clock.now().getTime();
      record(
        'TOTP verify',
        concurrency,
        await timed(forTotp, concurrency, async ({ challenge, customer }) => {
          const r = await bench.call(
            'POST',
            `/v1/challenges/${challenge.id}/verify`,
            { method: 'TOTP', code: customer.totp.generate({ timestamp: at }) },
            secret(challenge),
          );
          return r.status === 200 && (r.body as { status?: string }).status === 'PASSED';
        }),
      );
      bench.clock.advance(STEP_MS);
    }
  } finally {
    await bench.close();
  }
  return runs;
}

/** The auth section of docs/benchmarks.md: each operation beside the baseline of its run. */
export function renderAuthRuns(runs: readonly AuthRun[]): string[] {
  if (runs.length === 0) {
    return [];
  }
  const baseline = (r: AuthRun) =>
    runs.find(
      (b) =>
        b.store === r.store &&
        b.concurrency === r.concurrency &&
        b.operation === 'challenge view (baseline)',
    );
  return [
    '| auth service | store | concurrency | n | p50 ms | p95 ms | p99 ms | ops/s | errors | p50 vs baseline | ops/s vs baseline |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...runs.map((r) => {
      const b = baseline(r);
      const p50 = b === undefined || b.p50Ms === 0 ? '–' : `${(r.p50Ms / b.p50Ms).toFixed(1)} ×`;
      const ops = b === undefined ? '–' : `${Math.round((r.opsPerSec / b.opsPerSec) * 100)} %`;
      return `| ${r.operation} | ${r.store} | ${r.concurrency} | ${r.n} | ${r.p50Ms} | ${r.p95Ms} | ${r.p99Ms} | ${r.opsPerSec} | ${r.errors} | ${p50} | ${ops} |`;
    }),
    '',
  ];
}

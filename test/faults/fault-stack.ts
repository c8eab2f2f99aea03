// A risk-api composed on the Firestore and Pub/Sub adapters whose clients reach the emulators
// through TCP fault proxies, plus direct ("admin") clients that bypass the proxies to read what
// really arrived (Firestore documents, messages on a subscription).
import { ensureAvroTopic } from '@sentinel/pubsub';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Firestore } from '@google-cloud/firestore';
import { PubSub, type Message } from '@google-cloud/pubsub';
import { firestoreSettings } from '@sentinel/store';
import { FirestoreDecisionLog } from '@sentinel/store';
import { FirestorePolicyStores } from '@sentinel/store';
import { FirestoreRiskStateStore } from '@sentinel/store';
import { DECISION_AVSC_PATH } from '@sentinel/contracts';
import { PubSubDecisionEventPublisher } from '@sentinel/risk-api';
import type { Decision } from '@sentinel/contracts';
import { systemClock, unlessDeadline, withDeadline } from '@sentinel/kernel';
import { ALICE, aliceProfile, alicePayment, testApi } from '@sentinel/risk-api/testing';
import { emulatorHosts, splitHost, uniqueProjectId } from '../support/emulator-env.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';

const TOPIC = 'risk-decisions';
// Client shutdown waits for the clients' own retries; bounded like main.ts does.
const CLOSE_TIMEOUT_MS = 2_000;

/**
 * A Firestore client that talks to `proxy` instead of the emulator. @google-cloud/firestore 9 lets
 * FIRESTORE_EMULATOR_HOST override `settings.host` ("should always take precedence", read once, in
 * the constructor), and the integration workers have it set: it is lifted for the constructor
 * only. `ssl: false` makes the client add `Authorization: Bearer owner` (emulator admin) itself.
 */
export function firestoreVia(proxy: TcpProxy, projectId: string): Firestore {
  const saved = process.env['FIRESTORE_EMULATOR_HOST'];
  delete process.env['FIRESTORE_EMULATOR_HOST'];
  try {
    return new Firestore({
      ...firestoreSettings({ projectId }),
      ignoreUndefinedProperties: true,
      host: proxy.endpoint,
      ssl: false,
    });
  } finally {
    if (saved !== undefined) {
      process.env['FIRESTORE_EMULATOR_HOST'] = saved;
    }
  }
}

/**
 * A Pub/Sub client that talks to `proxy`. @google-cloud/pubsub 6.2 prefers `apiEndpoint` over
 * PUBSUB_EMULATOR_HOST; `emulatorMode` gives it insecure channel credentials (no TLS, no token).
 */
export function pubsubVia(proxy: TcpProxy, projectId: string): PubSub {
  return new PubSub({ projectId, apiEndpoint: proxy.endpoint, emulatorMode: true });
}

/** Polls `predicate` every 50 ms until it holds; throws, naming `what`, after `timeoutMs`. */
export async function until(
  predicate: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await predicate())) {
    if (performance.now() > deadline) {
      throw new Error(`${what}: not within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Starts the stack: proxies in `pass` mode, topic, a subscription read directly from the
 * emulator, Alice onboarded with a fresh "no swap" signal, the api started and warmed up (as
 * main.ts does before it listens).
 */
export async function startFaultStack(opts: {
  readonly prefix: string;
  readonly env?: Record<string, string>;
}) {
  const projectId = uniqueProjectId(opts.prefix);
  const hosts = emulatorHosts();
  const firestoreProxy = await startTcpProxy(splitHost(hosts.firestore));
  const pubsubProxy = await startTcpProxy(splitHost(hosts.pubsub));

  const admin = { db: new Firestore({ projectId }), pubsub: new PubSub({ projectId }) };
  await ensureAvroTopic(admin.pubsub, {
    topic: TOPIC,
    schemaId: 'risk-decision',
    avscPath: DECISION_AVSC_PATH,
  });
  const [subscription] = await admin.pubsub.topic(TOPIC).createSubscription(`${opts.prefix}-sub`);
  /** decisionId → how many times it arrived on the subscription. */
  const delivered = new Map<string, number>();
  subscription.on('message', (m: Message) => {
    const id = m.attributes['decisionId'] ?? '';
    delivered.set(id, (delivered.get(id) ?? 0) + 1);
    m.ack();
  });

  const db = firestoreVia(firestoreProxy, projectId);
  const pubsub = pubsubVia(pubsubProxy, projectId);
  const adapters = {
    state: new FirestoreRiskStateStore(db),
    log: new FirestoreDecisionLog(db),
    policyStores: new FirestorePolicyStores(db),
    publisher: new PubSubDecisionEventPublisher(pubsub, {
      topic: TOPIC,
      timeoutMs: Number(opts.env?.['SENTINEL_PUBLISH_TIMEOUT_MS'] ?? 2_000),
    }),
  };
  const t = testApi({
    adapters,
    clock: systemClock,
    env: { GOOGLE_CLOUD_PROJECT: projectId, ...opts.env },
  });

  await t.api.start();
  const put = await t.call('PUT', `/v1/users/${ALICE.userId}`, aliceProfile());
  if (put.status !== 200) {
    throw new Error(`seeding Alice failed: ${put.status}`);
  }
  await adapters.state.putSimSwapSignal({
    phoneNumber: ALICE.phoneNumber,
    lastSwapAt: null,
    checkedAt: new Date(),
    source: 'camara',
  });
  await t.api.warmUp();

  /** One timed payment; `ms` is the wall time from the request to the parsed answer. */
  const assess = async (overrides: Record<string, unknown> = {}) => {
    const sent = alicePayment(overrides);
    const started = performance.now();
    const res = await t.call<Decision>('POST', '/v1/assess-payment', sent);
    return { ...res, sent, ms: performance.now() - started };
  };

  return {
    ...t,
    projectId,
    firestoreProxy,
    pubsubProxy,
    admin,
    adminLog: new FirestoreDecisionLog(admin.db),
    delivered,
    assess,
    async close(): Promise<void> {
      firestoreProxy.setMode({ kind: 'pass' });
      pubsubProxy.setMode({ kind: 'pass' });
      await t.api.stop();
      await subscription.close();
      await withDeadline(
        () =>
          Promise.all([pubsub.close(), db.terminate(), admin.pubsub.close(), admin.db.terminate()]),
        { clock: systemClock, ms: CLOSE_TIMEOUT_MS, what: 'closing the clients' },
      ).catch(unlessDeadline);
      await Promise.all([firestoreProxy.close(), pubsubProxy.close()]);
    },
  };
}

export type FaultStack = Awaited<ReturnType<typeof startFaultStack>>;

/** The phases of `Server-Timing: read;dur=…, engine;dur=…, commit;dur=…, total;dur=…` in ms. */
export function serverTiming(
  headers: Headers,
): Record<'read' | 'engine' | 'commit' | 'total', number> {
  const phases = new Map(
    (headers.get('server-timing') ?? '')
      .split(',')
      .map((part) => /^\s*(\w+);dur=([\d.]+)/.exec(part))
      .filter((m) => m !== null)
      .map((m) => [m[1], Number(m[2])]),
  );
  const phase = (name: string) => phases.get(name) ?? Number.NaN;
  return {
    read: phase('read'),
    engine: phase('engine'),
    commit: phase('commit'),
    total: phase('total'),
  };
}

/** How the decisions `ids` arrived on the subscription: ids never seen, extra copies. */
export function deliveryOf(
  delivered: ReadonlyMap<string, number>,
  ids: readonly string[],
): { readonly missing: string[]; readonly duplicates: number } {
  return {
    missing: ids.filter((id) => !delivered.has(id)),
    duplicates: ids.reduce((sum, id) => sum + Math.max(0, (delivered.get(id) ?? 0) - 1), 0),
  };
}

/**
 * Runs `work` and reports the event loop's worst delay meanwhile: how late any timer of this
 * process could fire, for reasons outside the code under test (other test files and the emulators
 * sharing two cores). Deadline assertions add it to their margin.
 */
export async function withLoopDelay<T>(
  work: () => Promise<T>,
): Promise<{ readonly value: T; readonly loopDelayMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  try {
    const value = await work();
    return { value, loopDelayMs: histogram.max / 1e6 };
  } finally {
    histogram.disable();
  }
}

/**
 * An answer as the store keeps it: the challenge URL without its client secret, which only the
 * answer carries (docs/step-up.md).
 */
export function asStored(answer: Decision): Decision {
  const { stepUp } = answer;
  return stepUp?.challengeUrl === undefined
    ? answer
    : { ...answer, stepUp: { ...stepUp, challengeUrl: stepUp.challengeUrl.split('#')[0] ?? '' } };
}

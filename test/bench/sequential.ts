// Sequential latency of POST /v1/assess-payment over real HTTP on loopback, for three targets in
// one run: a bare Hono baseline (parse + validate the same body, answer a same-sized JSON), the
// risk-api on in-memory adapters, and the risk-api on the Firestore + Pub/Sub emulators.
//
//   node test/bench/sequential.ts [--n 1000] [--targets baseline,memory,emulators]
//
// Uses FIRESTORE_EMULATOR_HOST / PUBSUB_EMULATOR_HOST when set, else starts emulators on free ports.
import { ensureAvroTopic } from '@sentinel/pubsub';
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';
import { Firestore } from '@google-cloud/firestore';
import { PubSub } from '@google-cloud/pubsub';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { startEmulators } from '../../scripts/emulators.ts';
import { firestoreSettings } from '@sentinel/store';
import { FirestoreDecisionLog } from '@sentinel/store';
import { FirestorePolicyStores } from '@sentinel/store';
import { FirestoreRiskStateStore } from '@sentinel/store';
import { DECISION_AVSC_PATH } from '@sentinel/contracts';
import { PubSubDecisionEventPublisher } from '@sentinel/risk-api';
import { composeRiskApi, type Adapters } from '@sentinel/risk-api';
import { AssessPaymentRequestSchema } from '@sentinel/risk-api';
import { createLogger } from '@sentinel/kernel';
import { memoryAdapters, TENANT, testConfig } from '@sentinel/risk-api/testing';
import { summarise, type LatencySummary } from './stats.ts';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '1000' },
    warmup: { type: 'string', default: '100' },
    targets: { type: 'string', default: 'baseline,memory,emulators' },
  },
});
const N = Number(values.n);
const WARMUP = Number(values.warmup);
const targets = values.targets.split(',');
const USERS = 50;
const KEY = 'bank-test-key-0001';
const out = (s = '') => process.stdout.write(s + '\n');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function payment(i: number) {
  const u = i % USERS;
  return {
    transactionId: `bench-${Date.now()}-${i}`,
    userId: `bench-user-${u}`,
    phoneNumber: `+2782100${String(u).padStart(4, '0')}`,
    amount: { minor: 25_000 + (i % 7) * 1_000, currency: 'ZAR' },
    channel: 'PAYSHAP',
    device: { id: `bench-device-${u}`, imei: '356938035643809' },
    ipAddress: '196.25.1.1',
    location: { lat: -26.2 + u / 1000, lon: 28.04, source: 'GPS' },
  };
}

async function seed(adapters: Adapters): Promise<void> {
  const now = new Date();
  for (let u = 0; u < USERS; u++) {
    const phoneNumber = `+2782100${String(u).padStart(4, '0')}`;
    await adapters.state.forTenant(TENANT).putProfile({
      userId: `bench-user-${u}`,
      phoneNumber,
      devices: [
        {
          id: `bench-device-${u}`,
          imei: '356938035643809',
          boundAt: new Date(now.getTime() - 90 * 86_400_000),
        },
      ],
      enrolledFactors: ['WEBAUTHN'],
      contacts: {},
    });
    await adapters.state.putSimSwapSignal({
      phoneNumber,
      lastSwapAt: null,
      checkedAt: now,
      source: 'bench',
    });
  }
}

async function drive(
  url: string,
): Promise<{ summary: LatencySummary; actions: Record<string, number>; errors: number }> {
  const samples: number[] = [];
  const actions: Record<string, number> = {};
  let errors = 0;
  const one = async (i: number, record: boolean) => {
    const started = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(payment(i)),
    });
    const body = (await res.json()) as { action?: string };
    const ms = performance.now() - started;
    if (!record) {
      return;
    }
    samples.push(ms);
    if (res.status !== 200) {
      errors++;
    }
    const action = body.action ?? `HTTP ${res.status}`;
    actions[action] = (actions[action] ?? 0) + 1;
  };
  for (let i = 0; i < WARMUP; i++) {
    await one(1_000_000 + i, false);
  }
  const wallStart = performance.now();
  for (let i = 0; i < N; i++) {
    await one(i, true);
  }
  return { summary: summarise(samples, performance.now() - wallStart), actions, errors };
}

async function listen(
  fetchFn: (r: Request) => Response | Promise<Response>,
): Promise<{ url: string; server: ServerType }> {
  const port = await freePort();
  const server = serve({ fetch: fetchFn, port, hostname: '127.0.0.1' });
  return { url: `http://127.0.0.1:${port}/v1/assess-payment`, server };
}

function baselineApp(): Hono {
  const sample = JSON.stringify({ filler: 'x'.repeat(420) });
  const app = new Hono();
  app.post('/v1/assess-payment', async (c) => {
    if (c.req.header('authorization') !== `Bearer ${KEY}`) {
      return c.json({ code: 'AUTH' }, 401);
    }
    const parsed = AssessPaymentRequestSchema.safeParse(await c.req.json());
    if (!parsed.success) {
      return c.json({ code: 'INVALID' }, 400);
    }
    return c.body(sample, 200, { 'content-type': 'application/json' });
  });
  return app;
}

async function main(): Promise<void> {
  const rows: {
    target: string;
    summary: LatencySummary;
    errors: number;
    actions: Record<string, number>;
  }[] = [];
  const silent = createLogger({
    level: 'info',
    projectId: 'bench',
    service: 'risk-api',
    write: () => undefined,
  });
  const cleanups: (() => Promise<void>)[] = [];
  try {
    if (targets.includes('baseline')) {
      const { url, server } = await listen(baselineApp().fetch);
      rows.push({ target: 'baseline (bare Hono + same validation)', ...(await drive(url)) });
      server.close();
    }
    if (targets.includes('memory')) {
      const adapters = memoryAdapters();
      await seed(adapters);
      const api = composeRiskApi(testConfig(), adapters, { logger: silent });
      await api.start();
      const { url, server } = await listen(api.app.fetch);
      rows.push({ target: 'risk-api, in-memory adapters', ...(await drive(url)) });
      server.close();
      await api.stop();
    }
    if (targets.includes('emulators')) {
      const projectId = `demo-bench-${Date.now()}`;
      if (
        process.env['FIRESTORE_EMULATOR_HOST'] === undefined ||
        process.env['PUBSUB_EMULATOR_HOST'] === undefined
      ) {
        const emulators = await startEmulators({
          firestorePort: await freePort(),
          pubsubPort: await freePort(),
          projectId,
        });
        process.env['FIRESTORE_EMULATOR_HOST'] = emulators.firestoreHost;
        process.env['PUBSUB_EMULATOR_HOST'] = emulators.pubsubHost;
        cleanups.push(() => emulators.stop());
      }
      const db = new Firestore({
        ...firestoreSettings({ projectId }),
        ignoreUndefinedProperties: true,
      });
      const pubsub = new PubSub({ projectId });
      await ensureAvroTopic(pubsub, {
        topic: 'risk-decisions',
        schemaId: 'risk-decision',
        avscPath: DECISION_AVSC_PATH,
      });
      const adapters: Adapters = {
        state: new FirestoreRiskStateStore(db),
        log: new FirestoreDecisionLog(db),
        policyStores: new FirestorePolicyStores(db),
        publisher: new PubSubDecisionEventPublisher(pubsub, { topic: 'risk-decisions' }),
      };
      await seed(adapters);
      const api = composeRiskApi(testConfig({ GOOGLE_CLOUD_PROJECT: projectId }), adapters, {
        logger: silent,
      });
      await api.start();
      const { url, server } = await listen(api.app.fetch);
      rows.push({ target: 'risk-api, Firestore + Pub/Sub emulators', ...(await drive(url)) });
      server.close();
      await api.stop();
      await pubsub.close();
      await db.terminate();
    }
  } finally {
    for (const cleanup of cleanups) {
      await cleanup();
    }
  }

  const base = rows.find((r) => r.target.startsWith('baseline'));
  out(
    `\n${N} sequential requests per target after ${WARMUP} warm-up, Node ${process.version}, loopback HTTP\n`,
  );
  out(
    '| target | p50 ms | p95 ms | p99 ms | max ms | req/s | errors | p50 vs baseline | actions |',
  );
  out('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const ratio = base === undefined ? '' : `${(r.summary.p50Ms / base.summary.p50Ms).toFixed(1)}×`;
    const mix = Object.entries(r.actions)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    out(
      `| ${r.target} | ${r.summary.p50Ms} | ${r.summary.p95Ms} | ${r.summary.p99Ms} | ${r.summary.maxMs} | ${r.summary.rps} | ${r.errors} | ${ratio} | ${mix} |`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});

// npm run load — 20,000 assessments at concurrency 100 against the risk-api on the emulators, then
// a reconciliation: every answered decisionId is on a subscription to risk-decisions (duplicates
// counted, none missing), every decision record is in Firestore, no 5xx, and no transactionId got
// two decisions. Ends with one line: "<n> missing, <n> 5xx, <n> duplicates".
//
//   npm run load [-- --requests 20000 --connections 100]
import { ensureAvroTopic } from '@sentinel/pubsub';
import { parseArgs } from 'node:util';
import { Firestore } from '@google-cloud/firestore';
import { PubSub, type Message } from '@google-cloud/pubsub';
import { startEmulators } from '../../scripts/emulators.ts';
import { firestoreSettings } from '@sentinel/store';
import { DECISION_AVSC_PATH } from '@sentinel/contracts';
import { drive } from './drive.ts';
import { benchUsers, createMix } from './mix.ts';
import { BENCH_TENANT, freePort, seedUsers, startRiskApi } from './servers.ts';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '20000' },
    connections: { type: 'string', default: '100' },
    'drain-timeout': { type: 'string', default: '600' },
  },
});
const REQUESTS = Number(values.requests);
const CONNECTIONS = Number(values.connections);
const DRAIN_TIMEOUT_MS = Number(values['drain-timeout']) * 1000;
const out = (s = '') => process.stdout.write(s + '\n');

async function main(): Promise<number> {
  const projectId = `demo-load-${Date.now()}`;
  const cleanups: (() => Promise<void>)[] = [];
  try {
    if (
      process.env['FIRESTORE_EMULATOR_HOST'] === undefined ||
      process.env['PUBSUB_EMULATOR_HOST'] === undefined
    ) {
      out('starting emulators …');
      const emulators = await startEmulators({
        firestorePort: await freePort(),
        pubsubPort: await freePort(),
        projectId,
      });
      cleanups.push(() => emulators.stop());
      process.env['FIRESTORE_EMULATOR_HOST'] = emulators.firestoreHost;
      process.env['PUBSUB_EMULATOR_HOST'] = emulators.pubsubHost;
    }
    const pubsub = new PubSub({ projectId });
    const db = new Firestore({
      ...firestoreSettings({ projectId }),
      ignoreUndefinedProperties: true,
    });
    cleanups.push(async () => {
      await pubsub.close();
      await db.terminate();
    });
    // The subscription exists before the first decision, so it sees every message.
    await ensureAvroTopic(pubsub, {
      topic: 'risk-decisions',
      schemaId: 'risk-decision',
      avscPath: DECISION_AVSC_PATH,
    });
    const [subscription] = await pubsub
      .topic('risk-decisions')
      .createSubscription('load-reconcile');
    // Consumed from the start, like a real subscriber (BigQuery), not only after the load.
    const seen = new Map<string, number>();
    subscription.on('message', (m: Message) => {
      const id = m.attributes['decisionId'] ?? '';
      seen.set(id, (seen.get(id) ?? 0) + 1);
      m.ack();
    });

    const server = await startRiskApi('firestore', projectId);
    cleanups.push(() => server.stop());
    const users = benchUsers(200);
    await seedUsers(server.url, users);

    out(
      `${REQUESTS} assessments at concurrency ${CONNECTIONS} against ${server.url} (Firestore + Pub/Sub emulators) …`,
    );
    const mix = createMix(users, `load-${Date.now()}`);
    const decisionsByTx = new Map<string, Set<string>>();
    let i = 0;
    let fiveHundreds = 0;
    const started = performance.now();
    const result = await drive({
      url: server.url,
      connections: CONNECTIONS,
      amount: REQUESTS,
      nextBody: () => mix.body(i++).body,
      onBody: (status, body) => {
        if (status >= 500) {
          fiveHundreds++;
          return;
        }
        if (status !== 200) {
          return;
        }
        const d = JSON.parse(body) as { decisionId: string; transactionId: string };
        const set = decisionsByTx.get(d.transactionId) ?? new Set<string>();
        set.add(d.decisionId);
        decisionsByTx.set(d.transactionId, set);
      },
    });
    const loadS = (performance.now() - started) / 1000;
    const answered = new Set([...decisionsByTx.values()].flatMap((s) => [...s]));
    const splitTx = [...decisionsByTx.values()].filter((s) => s.size > 1).length;
    out(
      `answered ${Object.values(result.statuses).reduce((a, b) => a + b, 0)} in ${loadS.toFixed(1)} s (${Math.round(REQUESTS / loadS)} req/s); statuses ${JSON.stringify(result.statuses)}; actions ${JSON.stringify(result.actions)}`,
    );
    out(
      `latency p50 ${result.summary.p50Ms} ms, p95 ${result.summary.p95Ms} ms, p99 ${result.summary.p99Ms} ms`,
    );

    out(
      `reconciling ${answered.size} decisions against the subscription (${seen.size} seen so far) …`,
    );
    const drainStart = performance.now();
    let lastReport = drainStart;
    while (
      performance.now() - drainStart < DRAIN_TIMEOUT_MS &&
      [...answered].some((id) => !seen.has(id))
    ) {
      await new Promise((r) => setTimeout(r, 1_000));
      if (performance.now() - lastReport >= 10_000) {
        lastReport = performance.now();
        const pending = [...answered].filter((id) => !seen.has(id)).length;
        out(`  ${((lastReport - drainStart) / 1000).toFixed(0)} s: ${pending} not yet seen`);
      }
    }
    const unseen = [...answered].filter((id) => !seen.has(id)).length;
    out(
      unseen === 0
        ? `every answered decision was on the subscription ${((performance.now() - drainStart) / 1000).toFixed(0)} s after the load ended (checked each second)`
        : `${unseen} answered decisions still not on the subscription after ${DRAIN_TIMEOUT_MS / 1000} s`,
    );
    await new Promise((r) => setTimeout(r, 3_000)); // late duplicates
    await subscription.close();
    const missing = [...answered].filter((id) => !seen.has(id));
    const duplicates = [...seen.values()].reduce((acc, n) => acc + Math.max(0, n - 1), 0);
    const foreign = [...seen.keys()].filter((id) => !answered.has(id)).length;

    out('checking decision records in Firestore …');
    const ids = [...answered];
    let inFirestore = 0;
    for (let k = 0; k < ids.length; k += 300) {
      // Records live under their tenant (the bench key's): tenants/{tenant}/decisions/{id}.
      const refs = ids
        .slice(k, k + 300)
        .map((id) => db.collection('tenants').doc(BENCH_TENANT).collection('decisions').doc(id));
      const snaps = await db.getAll(...refs);
      inFirestore += snaps.filter((s) => s.exists).length;
    }

    out('');
    out(`decisions answered:            ${answered.size}`);
    out(
      `  on the subscription:         ${answered.size - missing.length} (+ ${duplicates} duplicate deliveries, ${foreign} unknown ids)`,
    );
    out(`  records in Firestore:        ${inFirestore}`);
    out(`  transactionIds with >1 decision: ${splitTx}`);
    out(`${missing.length} missing, ${fiveHundreds} 5xx, ${duplicates} duplicates`);
    return missing.length === 0 &&
      fiveHundreds === 0 &&
      splitTx === 0 &&
      inFirestore === answered.size
      ? 0
      : 1;
  } finally {
    for (const c of cleanups.reverse()) {
      await c();
    }
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `load failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);

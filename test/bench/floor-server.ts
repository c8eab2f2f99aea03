// The ceiling on the emulators: the bare-Hono baseline (baseline-app.ts) plus the two Firestore
// calls the risk-api's answer waits for — one `getAll` of the same seven documents (profile, the
// auth service's factors, SIM swap signal, history, baseline, freeze, device sightings) and one
// batch of three `create`s (idempotency claim, decision record, outbox entry) — and nothing else:
// no engine, no event, no background writes. What the risk-api on the emulators cannot beat on
// this machine. The documents are the ones the risk-api reads and writes: the bench tenant's,
// under `tenants/{tenant}/` (the SIM swap signals are the platform's). Until this
// run's floor read the pre-tenancy root collections, where nothing is seeded: seven missing
// documents are cheaper to read than the seeded ones (issue 17's closing note).
//
// BENCH_FLOOR_DELIVERS=1 (the `emulator-delivery-floor`): also, after the answer, the I/O a decision's
// delivery cannot avoid, and nothing else — one event of the risk-api's size on its Avro topic,
// batched as the risk-api batches (5 ms), and three writes sent together per 10 ms window as the
// risk-api sends them (a BulkWriter, BatchWrite calls): the customer's history and the device's
// sightings documents each written back whole as the answer read them, the outbox entry deleted.
// No engine, no merge, no pruning, no preconditions, no retries: the I/O any implementation of
// SPEC §8's delivery pays on these emulators.
import {
  Firestore,
  type BulkWriter,
  type DocumentData,
  type DocumentReference,
} from '@google-cloud/firestore';
import { PubSub } from '@google-cloud/pubsub';
import { aDecisionRecord } from '@sentinel/contracts/testing';
import { DECISION_AVSC_PATH, toAvroJson, toDecisionEvent } from '@sentinel/contracts';
import { ensureAvroTopic } from '@sentinel/pubsub';
import { serve } from '@hono/node-server';
import { randomUUID } from 'node:crypto';
import { COLLECTIONS, deviceKey, idempotencyKey, outboxEntry, tenantRoot } from '@sentinel/store';
import { firestoreSettings } from '@sentinel/store';
import { createBaselineApp } from './baseline-app.ts';
import { countBufferMemoryInHeapLimit, rememberPackageResolutions } from '@sentinel/kernel';

// The risk-api's runtime, as its main sets it: buffers count toward the heap's limit, and the
// Firestore client's per-call module resolution is done once (a ceiling has what the risk-api has).
countBufferMemoryInHeapLimit();
rememberPackageResolutions();

// The floor's outbox entries, the same as the risk-api's but in a collection of their own: in the
// platform's outbox, where the floor (which never delivers) left them, the risk-api's sweep found
// them every 5 s while it was measured and failed on the floor's bare decisions ("outbox sweep
// failed" 34 times in one comparison of issue 17's eighth session).
const FLOOR_OUTBOX = 'benchFloorOutbox';
// A decision document holds the decision and the engine's inputs as JSON text: about 3 KB.
const CONTEXT = 'x'.repeat(2_500);
// gRPC status ALREADY_EXISTS: the transaction was claimed before (a retry).
const ALREADY_EXISTS = 6;

const db = new Firestore(
  firestoreSettings({ projectId: process.env['GOOGLE_CLOUD_PROJECT'] ?? 'demo-bench' }),
);
const tenant = process.env['BENCH_TENANT'] ?? 'bench';
const root = tenantRoot(db, tenant);
const doc = (collection: string, id: string) => root.collection(collection).doc(id);
const platformDoc = (collection: string, id: string) => db.collection(collection).doc(id);
const delivery = process.env['BENCH_FLOOR_DELIVERS'] === '1' ? await startDelivery() : null;

const app = createBaselineApp(process.env['BENCH_API_KEY'] ?? 'bench-key-000001', {
  ready: async () => {
    await db.getAll(doc(COLLECTIONS.users, 'readiness-probe'));
  },
  decide: async ({ userId, phoneNumber, device, transactionId }) => {
    const [, , , history, , , sightings] = await db.getAll(
      doc(COLLECTIONS.users, userId),
      doc(COLLECTIONS.factors, userId),
      platformDoc(COLLECTIONS.simSwapSignals, phoneNumber),
      doc(COLLECTIONS.userHistory, userId),
      doc(COLLECTIONS.behaviorBaselines, userId),
      doc(COLLECTIONS.accountFreezes, userId),
      doc(COLLECTIONS.deviceSightings, deviceKey(device.id)),
    );
    const decisionId = randomUUID();
    const now = new Date();
    // Named and sharded as the risk-api's entries are (collections.ts `outboxEntry`).
    const entry = outboxEntry(decisionId);
    const outbox = platformDoc(FLOOR_OUTBOX, entry.id);
    const claim = doc(COLLECTIONS.idempotency, idempotencyKey(tenant, transactionId));
    const batch = db.batch();
    batch.create(claim, { decisionId, createdAt: now });
    batch.create(doc(COLLECTIONS.decisions, decisionId), {
      transactionId,
      decidedAt: now,
      contextJson: CONTEXT,
    });
    batch.create(outbox, { decisionId, tenant, shard: entry.shard, dueAt: now });
    try {
      await batch.commit();
    } catch (error) {
      if ((error as { code?: unknown }).code !== ALREADY_EXISTS) {
        throw error;
      }
      await claim.get(); // a retry: the claim names the decision that won
      return;
    }
    delivery?.deliver({
      decisionId,
      now,
      outbox,
      history: doc(COLLECTIONS.userHistory, userId),
      historyData: history?.data(),
      sightings: doc(COLLECTIONS.deviceSightings, deviceKey(device.id)),
      sightingsData: sightings?.data(),
    });
  },
});

/** The delivery's I/O (see the top of this file), started after the answer, never awaited by it. */
async function startDelivery() {
  const pubsub = new PubSub({ projectId: process.env['GOOGLE_CLOUD_PROJECT'] ?? 'demo-bench' });
  await ensureAvroTopic(pubsub, {
    topic: 'risk-decisions',
    schemaId: 'risk-decision',
    avscPath: DECISION_AVSC_PATH,
  });
  const topic = pubsub.topic('risk-decisions', {
    batching: { maxMessages: 100, maxMilliseconds: 5 },
  });
  // One event of the risk-api's size (about 1.3 KB of Avro JSON), valid for the topic's schema.
  const event = toDecisionEvent(aDecisionRecord(), (_kind, value) => value);
  const data = Buffer.from(JSON.stringify(toAvroJson(event)), 'utf8');
  const schemaVersion = String(event.schemaVersion);
  // One event published and confirmed before the floor is ready: an event the topic's schema
  // refused would fail every delivery here unseen (their failures are not awaited) and make the
  // floor cheaper than the work it stands for.
  await topic.publishMessage({
    data,
    attributes: { decisionId: 'floor-probe', schemaVersion, escrowHeld: 'false' },
  });
  // A history document as the risk-api writes one, for a customer that has none yet.
  const emptyHistoryJson = JSON.stringify({ recentPayments: [], failedLogins: [] });
  let writer: BulkWriter | undefined;
  const window = (): BulkWriter => {
    if (writer === undefined) {
      const open = db.bulkWriter({ throttling: false });
      writer = open;
      setTimeout(() => {
        writer = undefined;
        open.close().catch(() => undefined);
      }, 10);
    }
    return writer;
  };
  const settle = (work: Promise<unknown>) => work.catch(() => undefined);
  return {
    deliver(d: {
      readonly decisionId: string;
      readonly now: Date;
      readonly outbox: DocumentReference;
      readonly history: DocumentReference;
      readonly historyData: DocumentData | undefined;
      readonly sightings: DocumentReference;
      readonly sightingsData: DocumentData | undefined;
    }): void {
      const writes = window();
      void settle(
        topic.publishMessage({
          data,
          attributes: { decisionId: d.decisionId, schemaVersion, escrowHeld: 'false' },
        }),
      );
      // Written back as read: a document of the size the risk-api keeps (its history of twenty
      // payments, its device's pruned sightings), without the merge or pruning that keep it so.
      void settle(writes.set(d.history, d.historyData ?? { historyJson: emptyHistoryJson }));
      void settle(
        writes.set(
          d.sightings,
          d.sightingsData ?? {
            sightings: [{ userId: 'floor', at: d.now, decisionId: d.decisionId, bound: false }],
          },
        ),
      );
      void settle(writes.delete(d.outbox));
    },
  };
}

const port = Number(process.env['PORT'] ?? 8091);
const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
process.on('SIGTERM', () => server.close(() => void db.terminate().then(() => process.exit(0))));

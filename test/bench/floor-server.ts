// The ceiling on the emulators: the bare-Hono baseline (baseline-app.ts) plus the two Firestore
// calls the risk-api's answer waits for — one `getAll` of the same seven documents (profile, the
// auth service's factors, SIM swap signal, history, baseline, freeze, device sightings) and one
// batch of three `create`s (idempotency claim, decision record, outbox entry) — and nothing else:
// no engine, no event, no background writes. What the risk-api on the emulators cannot beat on
// this machine. The documents are the ones the risk-api reads and writes: the bench tenant's,
// under `tenants/{tenant}/` (the SIM swap signals and the outbox are the platform's). Until this
// run's floor read the pre-tenancy root collections, where nothing is seeded: seven missing
// documents are cheaper to read than the seeded ones (issue 17's closing note).
import { Firestore } from '@google-cloud/firestore';
import { serve } from '@hono/node-server';
import { randomUUID } from 'node:crypto';
import { COLLECTIONS, deviceKey, idempotencyKey, tenantRoot } from '@sentinel/store';
import { firestoreSettings } from '@sentinel/store';
import { createBaselineApp } from './baseline-app.ts';

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

const app = createBaselineApp(process.env['BENCH_API_KEY'] ?? 'bench-key-000001', {
  ready: async () => {
    await db.getAll(doc(COLLECTIONS.users, 'readiness-probe'));
  },
  decide: async ({ userId, phoneNumber, device, transactionId }) => {
    await db.getAll(
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
    const claim = doc(COLLECTIONS.idempotency, idempotencyKey(tenant, transactionId));
    const batch = db.batch();
    batch.create(claim, { decisionId, createdAt: now });
    batch.create(doc(COLLECTIONS.decisions, decisionId), {
      transactionId,
      decidedAt: now,
      contextJson: CONTEXT,
    });
    batch.create(platformDoc(COLLECTIONS.outbox, decisionId), { decisionId, tenant, dueAt: now });
    try {
      await batch.commit();
    } catch (error) {
      if ((error as { code?: unknown }).code !== ALREADY_EXISTS) {
        throw error;
      }
      await claim.get(); // a retry: the claim names the decision that won
    }
  },
});

const port = Number(process.env['PORT'] ?? 8091);
const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
process.on('SIGTERM', () => server.close(() => void db.terminate().then(() => process.exit(0))));

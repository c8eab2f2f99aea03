import { Firestore } from '@google-cloud/firestore';
import { afterAll, describe, expect, it } from 'vitest';
import { uniqueProjectId } from '../../../../test/support/emulator-env.ts';
import { aDecisionRecord, at, minutes } from '@sentinel/contracts/testing';
import { COLLECTIONS, OUTBOX_SHARDS, outboxEntry } from './collections.ts';
import { FirestoreDecisionLog } from './firestore-decision-log.ts';
import { firestoreSettings } from './firestore-settings.ts';
import { sequentialDecisionIds } from './testing/sequential-ids.ts';

// A fresh project, hence an empty database, per test: the sweep's queries see whole collections.
const clients: Firestore[] = [];
function client(): Firestore {
  const db = new Firestore(firestoreSettings({ projectId: uniqueProjectId('outbox-shards') }));
  clients.push(db);
  return db;
}

afterAll(async () => {
  await Promise.all(clients.map((db) => db.terminate()));
});

const idsOf = (records: readonly { decision: { decisionId: string } }[]) =>
  records.map((r) => r.decision.decisionId);

describe('the sharded outbox on Firestore', () => {
  it('writes each entry under its hash-prefixed name and shard; the sweep merges them oldest first', async () => {
    const db = client();
    const log = new FirestoreDecisionLog(db);
    // Sequential UUIDv7s, recorded newest first: the sweep's order is the due time's, not the
    // order of the writes nor of the names.
    const records = sequentialDecisionIds(48).map((decisionId, i) =>
      aDecisionRecord({ decisionId, decidedAt: at(i * 1_000) }),
    );
    for (const record of [...records].reverse()) {
      await log.record(record);
    }

    const stored = await db.collection(COLLECTIONS.outboxEntries).get();
    expect(stored.size).toBe(48);
    for (const doc of stored.docs) {
      const decisionId = doc.get('decisionId') as string;
      expect(doc.id).toBe(outboxEntry(decisionId).id);
      expect(doc.get('shard')).toBe(outboxEntry(decisionId).shard);
      expect(doc.get('tenant')).toBe('bank-a');
    }
    const shards = new Set(stored.docs.map((doc) => doc.get('shard') as number));
    expect(shards.size).toBeGreaterThanOrEqual(OUTBOX_SHARDS / 2);
    expect((await db.collection(COLLECTIONS.outbox).get()).size).toBe(0);

    expect(idsOf(await log.dueOutbox(at(minutes(10)), 100))).toEqual(idsOf(records));
    expect(idsOf(await log.dueOutbox(at(minutes(10)), 5))).toEqual(idsOf(records.slice(0, 5)));
    expect(idsOf(await log.dueOutbox(at(9_500), 100))).toEqual(idsOf(records.slice(0, 10)));

    for (const record of records.slice(0, 40)) {
      await log.completeOutbox(record.decision.decisionId);
    }
    expect(idsOf(await log.dueOutbox(at(minutes(10)), 100))).toEqual(idsOf(records.slice(40)));
    expect((await db.collection(COLLECTIONS.outboxEntries).get()).size).toBe(8);
  });

  it('sweeps and completes the entries an earlier release left in `outbox`, beside the new ones', async () => {
    const db = client();
    // The release before the sharded outbox (or this one under the `maps` form) and this one,
    // writing to one database during a rollout.
    const earlier = new FirestoreDecisionLog(db, { documentForm: 'maps' });
    const current = new FirestoreDecisionLog(db);
    const [r1, r2, r3, r4] = [0, 1, 2, 3].map((i) =>
      aDecisionRecord({ decidedAt: at(minutes(i)) }),
    );
    if (r1 === undefined || r2 === undefined || r3 === undefined || r4 === undefined) {
      throw new Error('fixture');
    }
    await earlier.record(r1);
    await current.record(r2);
    await earlier.record(r3);
    await current.record(r4);
    expect((await db.collection(COLLECTIONS.outbox).get()).docs.map((d) => d.id).sort()).toEqual(
      idsOf([r1, r3]).sort(),
    );
    expect((await db.collection(COLLECTIONS.outboxEntries).get()).size).toBe(2);

    // A new instance (nothing remembered) sweeps both collections in due order, and each
    // completion deletes the entry where it was found.
    const sweeper = new FirestoreDecisionLog(db);
    expect(await sweeper.dueOutbox(at(minutes(10)), 10)).toEqual([r1, r2, r3, r4]);
    expect(idsOf(await sweeper.dueOutbox(at(minutes(10)), 3))).toEqual(idsOf([r1, r2, r3]));
    await sweeper.completeOutbox(r1.decision.decisionId);
    await sweeper.completeOutbox(r2.decision.decisionId);
    expect(idsOf(await sweeper.dueOutbox(at(minutes(10)), 10))).toEqual(idsOf([r3, r4]));

    // Under the `maps` form the same: it reads the sharded entries too, and completes them there.
    const mapsSweeper = new FirestoreDecisionLog(db, { documentForm: 'maps' });
    expect(idsOf(await mapsSweeper.dueOutbox(at(minutes(10)), 10))).toEqual(idsOf([r3, r4]));
    await mapsSweeper.completeOutbox(r4.decision.decisionId);
    await mapsSweeper.completeOutbox(r3.decision.decisionId);
    expect(await sweeper.dueOutbox(at(minutes(10)), 10)).toEqual([]);
    expect((await db.collection(COLLECTIONS.outbox).get()).size).toBe(0);
    expect((await db.collection(COLLECTIONS.outboxEntries).get()).size).toBe(0);
  });

  it('completes an entry written by this instance without a sweep, in its own collection', async () => {
    const db = client();
    for (const documentForm of ['text', 'maps'] as const) {
      const log = new FirestoreDecisionLog(db, { documentForm });
      const record = aDecisionRecord();
      await log.record(record);
      expect(idsOf(await log.dueOutbox(at(minutes(10)), 10))).toEqual(idsOf([record]));
      // A second instance completes it (the delivery ran there after the first one's answer).
      await new FirestoreDecisionLog(db, { documentForm }).completeOutbox(
        record.decision.decisionId,
      );
      expect(await log.dueOutbox(at(minutes(10)), 10)).toEqual([]);
    }
  });
});

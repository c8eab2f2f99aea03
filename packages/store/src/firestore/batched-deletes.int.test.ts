import { Firestore } from '@google-cloud/firestore';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeClock } from '@sentinel/kernel/testing';
import { uniqueProjectId } from '../../../../test/support/emulator-env.ts';
import { BatchedDeletes } from './batched-deletes.ts';
import { firestoreSettings } from './firestore-settings.ts';

const db = new Firestore(firestoreSettings({ projectId: uniqueProjectId('batched-deletes') }));
afterAll(() => db.terminate());

describe('BatchedDeletes (Firestore)', () => {
  it('deletes what was asked within the window in one commit, and settles every caller', async () => {
    const refs = Array.from({ length: 620 }, (_, i) => db.collection('outbox').doc(`d-${i}`));
    await Promise.all(refs.map((ref) => ref.set({ n: 1 })));
    const clock = new FakeClock();
    const deletes = new BatchedDeletes(db, { clock, windowMs: 20 });
    // A repeated delete and one of a document that never existed succeed like the others.
    const deleting = Promise.all([
      ...refs.map((ref) => deletes.delete(ref)),
      deletes.delete(refs[0]!),
      deletes.delete(db.collection('outbox').doc('never-there')),
    ]);
    expect(deletes.commits).toBe(1); // the full batch of 500 goes at once
    clock.advance(19);
    expect(deletes.commits).toBe(1);
    clock.advance(1); // the window ends: the other 122 go together
    await deleting;
    expect(deletes.commits).toBe(2);
    const left = await db.getAll(...refs);
    expect(left.filter((s) => s.exists)).toEqual([]);
  });

  it('tries the deletes of a failed batch one by one, so one failure fails only its caller', async () => {
    const a = db.collection('outbox').doc('fallback-a');
    await a.set({ n: 1 });
    // Firestore refuses a reserved document id (`__…__`): the batch holding it fails, and so does
    // its own delete (a contended document's lock timeout, in production).
    const reserved = db.collection('outbox').doc('__reserved__');
    const clock = new FakeClock();
    const deletes = new BatchedDeletes(db, { clock, windowMs: 5 });
    const settling = Promise.allSettled([deletes.delete(a), deletes.delete(reserved)]);
    clock.advance(5);
    const results = await settling;
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect(deletes.commits).toBe(1);
    expect((await a.get()).exists).toBe(false);
  });
});

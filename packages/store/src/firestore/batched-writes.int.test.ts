import { Firestore } from '@google-cloud/firestore';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeClock } from '@sentinel/kernel/testing';
import { uniqueProjectId } from '../../../../test/support/emulator-env.ts';
import { FieldValue } from '@google-cloud/firestore';
import { BatchedWrites } from './batched-writes.ts';
import { firestoreSettings } from './firestore-settings.ts';

const db = new Firestore(firestoreSettings({ projectId: uniqueProjectId('batched-writes') }));
afterAll(() => db.terminate());

describe('BatchedWrites (Firestore)', () => {
  it('deletes what was asked within the window in one commit, and settles every caller', async () => {
    const refs = Array.from({ length: 620 }, (_, i) => db.collection('outbox').doc(`d-${i}`));
    await Promise.all(refs.map((ref) => ref.set({ n: 1 })));
    const clock = new FakeClock();
    const deletes = new BatchedWrites(db, { clock, windowMs: 20 });
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
    const deletes = new BatchedWrites(db, { clock, windowMs: 5 });
    const settling = Promise.allSettled([deletes.delete(a), deletes.delete(reserved)]);
    clock.advance(5);
    const results = await settling;
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect(deletes.commits).toBe(1);
    expect((await a.get()).exists).toBe(false);
  });

  it('commits deletes, creates, merges and version-checked updates of many callers as one batch', async () => {
    const col = db.collection('mixed');
    const history = col.doc('history');
    const written = await history.create({ n: 1 });
    const outbox = col.doc('outbox');
    await outbox.set({ n: 1 });
    const clock = new FakeClock();
    const writes = new BatchedWrites(db, { clock, windowMs: 10 });
    const all = Promise.all([
      writes.update(history, { n: 2 }, { lastUpdateTime: written.writeTime }),
      writes.merge(col.doc('sightings'), { sightings: FieldValue.arrayUnion('a') }),
      writes.create(col.doc('new'), { n: 1 }),
      writes.delete(outbox),
    ]);
    clock.advance(10);
    const results = await all;
    expect(writes.commits).toBe(1);
    // Each caller gets its own write's result: the next version check starts from it.
    expect(results[0].writeTime.isEqual(results[3].writeTime)).toBe(true);
    const [h, s, n, o] = await db.getAll(history, col.doc('sightings'), col.doc('new'), outbox);
    expect([h?.get('n'), s?.get('sightings'), n?.get('n'), o?.exists]).toEqual([
      2,
      ['a'],
      1,
      false,
    ]);
  });

  it('a version check that fails fails only its own caller, with FAILED_PRECONDITION', async () => {
    const col = db.collection('stale');
    const history = col.doc('history');
    const first = await history.create({ n: 1 });
    await history.update({ n: 2 }); // another delivery moved the version on
    const clock = new FakeClock();
    const writes = new BatchedWrites(db, { clock, windowMs: 10 });
    const settling = Promise.allSettled([
      writes.update(history, { n: 99 }, { lastUpdateTime: first.writeTime }),
      writes.merge(col.doc('sightings'), { sightings: FieldValue.arrayUnion('b') }),
      writes.create(history, { n: 100 }), // a second write of the same document: the next batch
    ]);
    expect(writes.commits).toBe(1); // the repeated document sent the first batch at once
    clock.advance(10);
    const results = await settling;
    expect(writes.commits).toBe(2);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'rejected']);
    const codes = results.map((r) =>
      r.status === 'rejected' ? (r.reason as { code?: number }).code : 'ok',
    );
    expect(codes).toEqual([9, 'ok', 6]); // FAILED_PRECONDITION, then ALREADY_EXISTS
    expect((await history.get()).get('n')).toBe(2);
    expect((await col.doc('sightings').get()).get('sightings')).toEqual(['b']);
  });

  it('while its commits are out, the writes asked for meanwhile wait and then go as one batch', async () => {
    const col = db.collection('group-commit');
    const clock = new FakeClock();
    const writes = new BatchedWrites(db, { clock, windowMs: 5, maxInFlight: 1 });
    const first = writes.merge(col.doc('a'), { n: 1 });
    clock.advance(5);
    expect(writes.commits).toBe(1); // out, and its answer cannot have come back yet
    const later = [
      writes.merge(col.doc('b'), { n: 2 }),
      writes.merge(col.doc('c'), { n: 3 }),
      writes.delete(col.doc('a')),
    ];
    clock.advance(5); // the window ends while the first commit is out: they wait for it
    expect(writes.commits).toBe(1);
    await first;
    await Promise.all(later);
    expect(writes.commits).toBe(2);
    const [a, b, c] = await db.getAll(col.doc('a'), col.doc('b'), col.doc('c'));
    expect([a?.exists, b?.get('n'), c?.get('n')]).toEqual([false, 2, 3]);
  });
});

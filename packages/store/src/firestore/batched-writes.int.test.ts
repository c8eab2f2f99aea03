import { FieldValue, Firestore } from '@google-cloud/firestore';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeClock } from '@sentinel/kernel/testing';
import { uniqueProjectId } from '../../../../test/support/emulator-env.ts';
import { BatchedWrites } from './batched-writes.ts';
import { firestoreSettings } from './firestore-settings.ts';

const db = new Firestore(firestoreSettings({ projectId: uniqueProjectId('batched-writes') }));
afterAll(() => db.terminate());

const codeOf = (r: PromiseSettledResult<unknown>) =>
  r.status === 'rejected' ? (r.reason as { code?: number }).code : 'ok';

describe('BatchedWrites (Firestore)', () => {
  it('sends what was asked within the window when it ends, and settles every caller', async () => {
    const refs = Array.from({ length: 120 }, (_, i) => db.collection('outbox').doc(`d-${i}`));
    await Promise.all(refs.map((ref) => ref.set({ n: 1 })));
    const clock = new FakeClock();
    const writes = new BatchedWrites(db, { clock, windowMs: 20 });
    // A delete of a document that never existed succeeds like the others.
    const deleting = Promise.all([
      ...refs.map((ref) => writes.delete(ref)),
      writes.delete(db.collection('outbox').doc('never-there')),
    ]);
    clock.advance(19);
    expect(writes.flushes).toBe(0);
    clock.advance(1);
    expect(writes.flushes).toBe(1);
    await deleting;
    const left = await db.getAll(...refs);
    expect(left.filter((s) => s.exists)).toEqual([]);
  });

  it('commits deletes, creates, merges and version-checked updates of many callers together', async () => {
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
    const [updated] = await all;
    // The caller gets its own write's time: its next version check starts from it.
    expect(updated.writeTime.isEqual((await history.get()).updateTime!)).toBe(true);
    const [h, s, n, o] = await db.getAll(history, col.doc('sightings'), col.doc('new'), outbox);
    expect([h?.get('n'), s?.get('sightings'), n?.get('n'), o?.exists]).toEqual([
      2,
      ['a'],
      1,
      false,
    ]);
  });

  it('a failed version check or create fails only its own caller, with its own code', async () => {
    const col = db.collection('stale');
    const history = col.doc('history');
    const first = await history.create({ n: 1 });
    await history.update({ n: 2 }); // another delivery moved the version on
    const clock = new FakeClock();
    const writes = new BatchedWrites(db, { clock, windowMs: 10 });
    const settling = Promise.allSettled([
      writes.update(history, { n: 99 }, { lastUpdateTime: first.writeTime }),
      writes.merge(col.doc('sightings'), { sightings: FieldValue.arrayUnion('b') }),
      writes.create(col.doc('sightings-2'), { n: 1 }),
      writes.create(history, { n: 100 }), // the same document again: sent after the first
    ]);
    clock.advance(10);
    const results = await settling;
    expect(results.map(codeOf)).toEqual([9, 'ok', 'ok', 6]); // FAILED_PRECONDITION, ALREADY_EXISTS
    expect((await history.get()).get('n')).toBe(2);
    expect((await col.doc('sightings').get()).get('sightings')).toEqual(['b']);
  });

  it('leaves no writer open between windows, so the client can be terminated', async () => {
    const own = new Firestore(firestoreSettings({ projectId: uniqueProjectId('batched-close') }));
    const clock = new FakeClock();
    const writes = new BatchedWrites(own, { clock, windowMs: 10 });
    const done = writes.merge(own.collection('c').doc('d'), { n: 1 });
    clock.advance(10);
    await done;
    await expect(own.terminate()).resolves.toBeUndefined();
  });
});

import { Firestore, type DocumentReference } from '@google-cloud/firestore';
import { afterAll, describe, expect, it } from 'vitest';
import { uniqueProjectId } from '../../../../test/support/emulator-env.ts';
import { BatchedDeletes } from './batched-deletes.ts';
import { firestoreSettings } from './firestore-settings.ts';

const db = new Firestore(firestoreSettings({ projectId: uniqueProjectId('batched-deletes') }));
afterAll(() => db.terminate());

describe('BatchedDeletes (Firestore)', () => {
  it('deletes what was asked within the window in one commit, and settles every caller', async () => {
    const refs = Array.from({ length: 620 }, (_, i) => db.collection('outbox').doc(`d-${i}`));
    await Promise.all(refs.map((ref) => ref.set({ n: 1 })));
    let commits = 0;
    const counted = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop === 'batch') {
          return () => {
            const batch = target.batch();
            const commit = batch.commit.bind(batch);
            batch.commit = () => {
              commits++;
              return commit();
            };
            return batch;
          };
        }
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    const deletes = new BatchedDeletes(counted, 20);
    // A repeated delete and one of a document that never existed succeed like the others.
    await Promise.all([
      ...refs.map((ref) => deletes.delete(ref)),
      deletes.delete(refs[0]!),
      deletes.delete(db.collection('outbox').doc('never-there')),
    ]);
    expect(commits).toBe(2); // 622 deletes: one full batch of 500, then the rest
    const left = await db.getAll(...refs);
    expect(left.filter((s) => s.exists)).toEqual([]);
  });

  it('tries the deletes of a failed batch one by one, so one failure fails only its caller', async () => {
    const a = db.collection('outbox').doc('fallback-a');
    await a.set({ n: 1 });
    const failingBatches = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop === 'batch') {
          return () => ({
            delete: () => undefined,
            commit: () => Promise.reject(new Error('10 ABORTED: lock timeout (injected)')),
          });
        }
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    const contended = {
      delete: () => Promise.reject(new Error('10 ABORTED: lock timeout (injected)')),
    } as unknown as DocumentReference;
    const deletes = new BatchedDeletes(failingBatches, 5);
    const results = await Promise.allSettled([deletes.delete(a), deletes.delete(contended)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect((await a.get()).exists).toBe(false);
  });
});

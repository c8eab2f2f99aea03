import { Firestore } from '@google-cloud/firestore';
import { afterAll, describe, expect, it } from 'vitest';
import { uniqueProjectId } from '../../../../test/support/emulator-env.ts';
import { aBaseline, uniqueId } from '@sentinel/contracts/testing';
import { FirestoreRiskStateStore } from './firestore-risk-state-store.ts';
import { firestoreSettings } from './firestore-settings.ts';

const db = new Firestore(firestoreSettings({ projectId: uniqueProjectId('baseline-cache') }));
const opts = { timeoutMs: 5_000 };

afterAll(async () => {
  await db.terminate();
});

describe('FirestoreRiskStateStore: baselines parsed once per version', () => {
  it('hands out the parsed baseline again until a new version is stored', async () => {
    const store = new FirestoreRiskStateStore(db).forTenant('t-a');
    const userId = uniqueId('user');
    await store.saveBaseline(userId, aBaseline(12, 1));
    const first = (await store.readSnapshot(userId, '+27820000000', opts)).baseline;
    const again = (await store.readSnapshot(userId, '+27820000000', opts)).baseline;
    expect(first?.version).toBe(1);
    expect(again).toBe(first);
    // Frozen down to its rows of numbers, which stay plain (frozen-copy.ts: a frozen row boxes
    // every number) and are read-only by type.
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first?.precision)).toBe(true);
    expect(Object.isFrozen(first?.precision[0])).toBe(false);

    // Another instance enrols the user again: this one sees the new version at once.
    await new FirestoreRiskStateStore(db).forTenant('t-a').saveBaseline(userId, aBaseline(15, 2));
    const next = (await store.readSnapshot(userId, '+27820000000', opts)).baseline;
    expect(next?.version).toBe(2);
    expect(next).toEqual({ ...aBaseline(15, 2), version: 2 });
  });

  it('keeps at most the configured number of users, least recently read going first', async () => {
    const store = new FirestoreRiskStateStore(db, { baselineCacheEntries: 2 }).forTenant('t-a');
    const users = [uniqueId('a'), uniqueId('b'), uniqueId('c')];
    for (const userId of users) {
      await store.saveBaseline(userId, aBaseline(12, 3));
    }
    const read = async (userId: string) =>
      (await store.readSnapshot(userId, '+27820000000', opts)).baseline;
    const [a, b, c] = users as [string, string, string];
    const a1 = await read(a);
    const b1 = await read(b);
    expect(await read(a)).toBe(a1);
    await read(c);
    // b was the least recently read: evicted, so it is parsed again; a is still cached.
    expect(await read(a)).toBe(a1);
    const b2 = await read(b);
    expect(b2).not.toBe(b1);
    expect(b2).toEqual(b1);
  });
});

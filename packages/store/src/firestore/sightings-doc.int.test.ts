import { Firestore } from '@google-cloud/firestore';
import { afterAll, describe, expect, it } from 'vitest';
import { uniqueProjectId } from '../../../../test/support/emulator-env.ts';
import { COLLECTIONS, deviceKey, tenantRoot } from './collections.ts';
import { firestoreSettings } from './firestore-settings.ts';
import { FirestoreRiskStateStore } from './firestore-risk-state-store.ts';
import { PRUNE_AFTER_STALE, StaleSightings } from './sightings-doc.ts';

const db = new Firestore(firestoreSettings({ projectId: uniqueProjectId('sightings') }));
afterAll(() => db.terminate());

const T0 = Date.parse('2026-12-02T10:00:00Z');
const PHONE = '+27821230001';

async function storedEntries(deviceId: string): Promise<number> {
  const snapshot = await tenantRoot(db, 't-a')
    .collection(COLLECTIONS.deviceSightings)
    .doc(deviceKey(deviceId))
    .get();
  const raw: unknown = snapshot.get('sightings');
  return Array.isArray(raw) ? raw.length : 0;
}

describe('device sightings document (Firestore)', () => {
  it('stays within PRUNE_AFTER_STALE stale entries while the hot path reads before each append', async () => {
    const store = new FirestoreRiskStateStore(db).forTenant('t-a');
    const deviceId = `phone-${T0}-read`;
    const sizes: number[] = [];
    for (let i = 0; i < 40; i++) {
      // As on the hot path: the decision's snapshot reads the document, then its delivery appends.
      const { deviceSightings } = await store.readSnapshot('user-a', PHONE, {
        timeoutMs: 5_000,
        deviceId,
      });
      expect(deviceSightings.length).toBe(i === 0 ? 0 : 1);
      await store.recordSighting({
        deviceId,
        userId: 'user-a',
        at: new Date(T0 + i * 1_000),
        decisionId: `d-read-${String(i).padStart(3, '0')}`,
        bound: true,
      });
      sizes.push(await storedEntries(deviceId));
    }
    // One live entry (the newest per account) plus at most PRUNE_AFTER_STALE stale ones.
    expect(Math.max(...sizes)).toBe(1 + PRUNE_AFTER_STALE);
    // Pruned every PRUNE_AFTER_STALE + 1 appends, not every time.
    expect(sizes.filter((n) => n === 1).length).toBe(Math.ceil(40 / (PRUNE_AFTER_STALE + 1)));
    const { deviceSightings } = await store.readSnapshot('user-a', PHONE, {
      timeoutMs: 5_000,
      deviceId,
    });
    expect(deviceSightings).toEqual([
      { userId: 'user-a', deviceId, at: new Date(T0 + 39_000), bound: true },
    ]);
  });

  it('reads a sighting written before `bound` existed as bound (it never freezes that account)', async () => {
    const deviceId = `phone-${T0}-legacy`;
    const at = new Date(T0);
    await tenantRoot(db, 't-a')
      .collection(COLLECTIONS.deviceSightings)
      .doc(deviceKey(deviceId))
      .set({ sightings: [{ userId: 'user-old', at, decisionId: 'd-legacy' }] });
    const store = new FirestoreRiskStateStore(db).forTenant('t-a');
    const { deviceSightings } = await store.readSnapshot('x', PHONE, {
      timeoutMs: 5_000,
      deviceId,
    });
    expect(deviceSightings).toEqual([{ userId: 'user-old', deviceId, at, bound: true }]);
  });

  it('prunes on every append of an instance that has not read the document', async () => {
    const deviceId = `phone-${T0}-blind`;
    const sizes: number[] = [];
    for (let i = 0; i < 12; i++) {
      // A fresh store each time: an instance that never read this device.
      await new FirestoreRiskStateStore(db).forTenant('t-a').recordSighting({
        deviceId,
        userId: 'user-b',
        at: new Date(T0 + i * 1_000),
        decisionId: `d-blind-${String(i).padStart(3, '0')}`,
        bound: false,
      });
      sizes.push(await storedEntries(deviceId));
    }
    expect(sizes).toEqual(Array.from({ length: 12 }, () => 1));
  });
});

describe('StaleSightings', () => {
  it('asks for a prune for unseen devices and once the stale count could pass the limit', () => {
    const stale = new StaleSightings(2);
    expect(stale.mustPrune('a')).toBe(true);
    stale.seen('a', PRUNE_AFTER_STALE - 2);
    expect(stale.mustPrune('a')).toBe(false); // now PRUNE_AFTER_STALE - 1
    expect(stale.mustPrune('a')).toBe(false); // now PRUNE_AFTER_STALE
    expect(stale.mustPrune('a')).toBe(true);
    stale.seen('b', 0);
    stale.seen('c', 0); // forgets 'a', the device seen longest ago
    expect(stale.mustPrune('a')).toBe(true);
    expect(stale.mustPrune('c')).toBe(false);
  });
});

import type { DeviceSighting } from '@sentinel/engine';
import { FieldValue, type DocumentReference, type DocumentSnapshot } from '@google-cloud/firestore';
import type { SightingUpdate } from '../ports/device-sightings.ts';
import { pruneSightings, type StoredSighting } from '../behavior/merge-sightings.ts';
import { BoundedMap } from '@sentinel/kernel';
import { parseOptional } from './parse-document.ts';
import { SightingsDoc } from './schemas.ts';
import type { BatchedWrites } from './batched-writes.ts';
import { storable } from './storable.ts';

// Entries pruning would drop that a device's document may hold before a delivery prunes it: a few
// hundred bytes more on the hot-path read, against a read and a write per delivery saved.
export const PRUNE_AFTER_STALE = 8;

/**
 * How many stale entries (see `pruneSightings`) each device's document held when this instance's
 * hot path last read it, counted up by the appends since. A delivery prunes only when that count
 * could pass `PRUNE_AFTER_STALE`, or when this instance has not read the document; otherwise it
 * only appends. Pruning on every delivery made a sighting three Firestore calls (append, read,
 * remove), a third of the decision's background writes. Readers prune as they read, so they never
 * see the difference. Bounded: the devices read longest ago are forgotten first.
 */
export class StaleSightings {
  readonly #byDevice: BoundedMap<string, number>;

  constructor(maxDevices = 10_000) {
    this.#byDevice = new BoundedMap(maxDevices);
  }

  /** The hot path read the device's document and found `stale` entries pruning would drop. */
  seen(deviceId: string, stale: number): void {
    this.#byDevice.set(deviceId, stale);
  }

  /**
   * Whether the delivery about to append one sighting must prune. Counts the append: it can make
   * the account's earlier entry stale.
   */
  mustPrune(deviceId: string): boolean {
    const stale = this.#byDevice.get(deviceId);
    if (stale === undefined || stale + 1 > PRUNE_AFTER_STALE) {
      return true;
    }
    this.#byDevice.set(deviceId, stale + 1);
    return false;
  }
}

/**
 * Adds one sighting to `deviceSightings/{sha256(deviceId)}`. No transaction: a device used on many
 * accounts at once (a fleet attack, a load test) made every delivery contend for its one document.
 * `arrayUnion` and `arrayRemove` are server-side transforms that never conflict and are
 * idempotent (an identical entry is added once), so each delivery appends its sighting and, when
 * `prune`, reads the document and removes what fell out of the window or the cap. Until that
 * removal lands the document may hold more than is kept; `readDeviceSightings` prunes the same
 * way, so readers never see the difference.
 */
export async function appendSighting(
  ref: DocumentReference,
  update: SightingUpdate,
  prune: boolean,
  writes: BatchedWrites,
): Promise<void> {
  const entry = {
    userId: update.userId,
    at: update.at,
    decisionId: update.decisionId,
    bound: update.bound,
  };
  // Read only by the device's document id, never queried: index exemptions on
  // deviceSightings.sightings (firestore.indexes.json). Indexed, each sighting would be an
  // array-contains entry of its own, and a map orders by its keys in sorted order, `at` first: a
  // time that only grows, so all of a tenant's new sightings would land in one hot range.
  await writes.merge(ref, { sightings: FieldValue.arrayUnion(storable(entry)) });
  if (!prune) {
    return;
  }
  const snapshot = await ref.get();
  const kept = new Set(pruneSightings(parseSightings(snapshot)).map((s) => s.decisionId));
  // Removed by exact stored value (Timestamps as read), so arrayRemove matches them.
  const raw: unknown = snapshot.get('sightings');
  const stale = (Array.isArray(raw) ? (raw as { decisionId?: unknown }[]) : []).filter(
    (s) => typeof s.decisionId !== 'string' || !kept.has(s.decisionId),
  );
  if (stale.length > 0) {
    await writes.merge(ref, { sightings: FieldValue.arrayRemove(...stale) });
  }
}

/**
 * The device's sightings as the engine reads them (pruned, newest first), and how many stored
 * entries the pruning dropped.
 */
export function readDeviceSightings(
  deviceId: string,
  snapshot: DocumentSnapshot,
): { readonly sightings: DeviceSighting[]; readonly stale: number } {
  const stored = parseSightings(snapshot);
  const kept = pruneSightings(stored);
  return {
    sightings: kept.map((s) => ({ userId: s.userId, deviceId, at: s.at, bound: s.bound })),
    stale: stored.length - kept.length,
  };
}

function parseSightings(snapshot: DocumentSnapshot): StoredSighting[] {
  return parseOptional(SightingsDoc, snapshot)?.sightings ?? [];
}

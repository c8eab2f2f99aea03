import type { DeviceSighting } from '@sentinel/engine';
import { FieldValue, type DocumentReference, type DocumentSnapshot } from '@google-cloud/firestore';
import type { SightingUpdate } from '../../ports/risk-state.ts';
import { pruneSightings, type StoredSighting } from '../behavior/merge-sightings.ts';
import { parseOptional } from './parse-document.ts';
import { SightingsDoc } from './schemas.ts';
import { storable } from './storable.ts';

/**
 * Adds one sighting to `deviceSightings/{sha256(deviceId)}`. No transaction: a device used on many
 * accounts at once (a fleet attack, a load test) made every delivery contend for its one document.
 * `arrayUnion` and `arrayRemove` are server-side transforms that never conflict and are
 * idempotent (an identical entry is added once), so each delivery appends its sighting, reads the
 * document and removes what fell out of the window or the cap. Until that removal lands the
 * document may hold a little more than is kept; `toDeviceSightings` prunes the same way, so readers
 * never see the difference.
 */
export async function appendSighting(
  ref: DocumentReference,
  update: SightingUpdate,
): Promise<void> {
  const entry = { userId: update.userId, at: update.at, decisionId: update.decisionId };
  await ref.set({ sightings: FieldValue.arrayUnion(storable(entry)) }, { merge: true });
  const snapshot = await ref.get();
  const kept = new Set(pruneSightings(parseSightings(snapshot)).map((s) => s.decisionId));
  // Removed by exact stored value (Timestamps as read), so arrayRemove matches them.
  const raw: unknown = snapshot.get('sightings');
  const stale = (Array.isArray(raw) ? (raw as { decisionId?: unknown }[]) : []).filter(
    (s) => typeof s.decisionId !== 'string' || !kept.has(s.decisionId),
  );
  if (stale.length > 0) {
    await ref.update({ sightings: FieldValue.arrayRemove(...stale) });
  }
}

/** The device's sightings as the engine reads them: pruned, newest first. */
export function toDeviceSightings(deviceId: string, snapshot: DocumentSnapshot): DeviceSighting[] {
  return pruneSightings(parseSightings(snapshot)).map((s) => ({
    userId: s.userId,
    deviceId,
    at: s.at,
  }));
}

function parseSightings(snapshot: DocumentSnapshot): StoredSighting[] {
  return parseOptional(SightingsDoc, snapshot)?.sightings ?? [];
}

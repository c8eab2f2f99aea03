import type { SightingUpdate } from '../ports/device-sightings.ts';

/**
 * How much of a device's past each sightings document keeps. The default fleet rule looks back
 * 60 min (SHIELD fleet_anomaly.py, SPEC §5); two hours leave room for a policy that looks a little
 * further and for late deliveries. A policy window beyond two hours sees only two hours. The cap
 * bounds the hot-path read for a device used on very many accounts: the rule needs two of them,
 * and each account's own decision freezes it.
 */
export const SIGHTINGS_WINDOW = { maxAgeMs: 2 * 3_600_000, maxSightings: 50 } as const;

/** One sighting as a device's document keeps it (the device is the document). */
export interface StoredSighting {
  readonly userId: string;
  readonly at: Date;
  readonly decisionId: string;
  /** The device was bound to the account (see `DeviceSighting.bound`). */
  readonly bound: boolean;
}

/**
 * Adds one sighting (see `pruneSightings`). Returns null when the decision was already recorded
 * (adapters skip the write).
 */
export function mergeSighting(
  current: readonly StoredSighting[],
  update: SightingUpdate,
): StoredSighting[] | null {
  if (current.some((s) => s.decisionId === update.decisionId)) {
    return null;
  }
  const added: StoredSighting = {
    userId: update.userId,
    at: update.at,
    decisionId: update.decisionId,
    bound: update.bound,
  };
  return pruneSightings([added, ...current]);
}

/**
 * A device's sightings as kept: the newest per account (the fleet rule counts accounts; a customer
 * paying often from their own phone filled the document with copies of one account — 40 payments,
 * 3 KB read on every payment — and could push other accounts out of the cap), newest first (ties
 * by decision id, UUIDv7, so arrival order never matters), within `SIGHTINGS_WINDOW.maxAgeMs` of
 * the newest, at most `maxSightings`. Measured from the newest sighting, not the wall clock, so
 * pruning is pure and a replay gives the same list.
 */
export function pruneSightings(sightings: readonly StoredSighting[]): StoredSighting[] {
  // Kept lists are already in this order and a new sighting is usually the newest: sorted only
  // when not (a copy and a sort per delivery and per read otherwise).
  const sorted = inOrder(sightings) ? sightings : [...sightings].sort(newestFirst);
  const newest = sorted[0]?.at.getTime() ?? 0;
  const accounts = new Set<string>();
  return sorted
    .filter((s) => {
      if (accounts.has(s.userId) || newest - s.at.getTime() > SIGHTINGS_WINDOW.maxAgeMs) {
        return false;
      }
      accounts.add(s.userId);
      return true;
    })
    .slice(0, SIGHTINGS_WINDOW.maxSightings);
}

function newestFirst(a: StoredSighting, b: StoredSighting): number {
  return (
    b.at.getTime() - a.at.getTime() ||
    (a.decisionId < b.decisionId ? 1 : a.decisionId > b.decisionId ? -1 : 0)
  );
}

function inOrder(sightings: readonly StoredSighting[]): boolean {
  for (let i = 1; i < sightings.length; i++) {
    if (newestFirst(sightings[i - 1] as StoredSighting, sightings[i] as StoredSighting) > 0) {
      return false;
    }
  }
  return true;
}

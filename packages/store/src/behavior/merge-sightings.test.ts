import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SIGHTINGS_WINDOW, pruneSightings, type StoredSighting } from './merge-sightings.ts';

const T0 = Date.UTC(2026, 11, 6, 12);

/** Pruning as first written: always a sorted copy, then the filter. */
function plainPrune(sightings: readonly StoredSighting[]): StoredSighting[] {
  const sorted = [...sightings].sort(
    (a, b) =>
      b.at.getTime() - a.at.getTime() ||
      (a.decisionId < b.decisionId ? 1 : a.decisionId > b.decisionId ? -1 : 0),
  );
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

const sighting = fc.record({
  userId: fc.constantFrom('u1', 'u2', 'u3', 'u4'),
  // Minutes over three hours, so some fall out of the two-hour window; ties are likely.
  at: fc.integer({ min: 0, max: 180 }).map((m) => new Date(T0 + m * 60_000)),
  decisionId: fc.constantFrom('d1', 'd2', 'd3', 'd4', 'd5', 'd6'),
  bound: fc.boolean(),
});

describe('pruneSightings', () => {
  it('keeps what the plain sort-and-filter keeps, in its order, whatever order it is given', () => {
    fc.assert(
      fc.property(fc.array(sighting, { maxLength: 60 }), fc.boolean(), (sightings, presorted) => {
        // Half the lists arrive already in order, as kept lists do (the path without a sort).
        const given = presorted ? plainPrune(sightings) : sightings;
        expect(pruneSightings(given)).toEqual(plainPrune(given));
      }),
    );
  });

  it('keeps the newest per account within the window, newest first', () => {
    const at = (minutes: number) => new Date(T0 + minutes * 60_000);
    const kept = pruneSightings([
      { userId: 'u1', at: at(0), decisionId: 'a', bound: true },
      { userId: 'u2', at: at(150), decisionId: 'b', bound: false },
      { userId: 'u1', at: at(140), decisionId: 'c', bound: true },
    ]);
    expect(kept.map((s) => s.decisionId)).toEqual(['b', 'c']);
  });
});

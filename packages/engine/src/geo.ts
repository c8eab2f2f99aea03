import type { GeoPoint, Location } from './payment.ts';

const EARTH_RADIUS_KM = 6371.0088; // IUGG mean Earth radius

const toRad = (deg: number): number => (deg * Math.PI) / 180;

/** Great-circle distance in km (haversine). */
export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = toRad(b.lat - a.lat);
  const dLon = toRad(b.lon - a.lon);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The distance that is certain given both fixes' reported accuracy radii (missing = exact):
 * the haversine distance minus both radii, never below zero. Keeps GPS jitter and coarse IP fixes
 * from looking like travel.
 */
export function separationKm(a: Location, b: Location): number {
  const slackKm = ((a.accuracyM ?? 0) + (b.accuracyM ?? 0)) / 1000;
  return Math.max(0, haversineKm(a, b) - slackKm);
}

/** A place the generator puts lines in: a city centre and, abroad, its ISO 3166-1 country. */
export interface Place {
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
  readonly country: string;
}

/** South African cities: where the synthetic subscribers live. */
export const HOME_PLACES: readonly [Place, ...Place[]] = [
  { name: 'Johannesburg', lat: -26.2041, lon: 28.0473, country: 'ZA' },
  { name: 'Cape Town', lat: -33.9249, lon: 18.4241, country: 'ZA' },
  { name: 'Durban', lat: -29.8587, lon: 31.0218, country: 'ZA' },
  { name: 'Pretoria', lat: -25.7479, lon: 28.2293, country: 'ZA' },
  { name: 'Gqeberha', lat: -33.9608, lon: 25.6022, country: 'ZA' },
  { name: 'Bloemfontein', lat: -29.0852, lon: 26.1596, country: 'ZA' },
  { name: 'Polokwane', lat: -23.9045, lon: 29.4689, country: 'ZA' },
  { name: 'East London', lat: -33.0153, lon: 27.9116, country: 'ZA' },
];

/** Where lines roam: neighbours and the usual long-haul destinations. */
export const ABROAD_PLACES: readonly [Place, ...Place[]] = [
  { name: 'Maputo', lat: -25.9692, lon: 32.5732, country: 'MZ' },
  { name: 'Windhoek', lat: -22.5609, lon: 17.0658, country: 'NA' },
  { name: 'Gaborone', lat: -24.6282, lon: 25.9231, country: 'BW' },
  { name: 'London', lat: 51.5072, lon: -0.1276, country: 'GB' },
  { name: 'Dubai', lat: 25.2048, lon: 55.2708, country: 'AE' },
  { name: 'Nairobi', lat: -1.2921, lon: 36.8219, country: 'KE' },
];

const EARTH_RADIUS_KM = 6371;
const RAD = Math.PI / 180;

/** Great-circle distance in km (haversine), to keep generated jumps honest. */
export function distanceKm(
  a: { readonly lat: number; readonly lon: number },
  b: { readonly lat: number; readonly lon: number },
): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

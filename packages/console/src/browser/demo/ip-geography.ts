import type { PaymentLocation } from './payment-request.ts';

/** Where an IP address places a payment: a small fixed table, as a GeoIP database would answer. */
export interface IpPlace {
  readonly ip: string;
  readonly city: string;
  readonly location: PaymentLocation;
}

// City-level GeoIP fixes are good to tens of kilometres: the accuracy radius keeps a move inside
// one city from looking like travel (the engine subtracts both radii).
export const IP_PLACES: readonly IpPlace[] = [
  {
    ip: '196.25.1.1',
    city: 'Johannesburg',
    location: { lat: -26.2041, lon: 28.0473, accuracyM: 25_000, source: 'IP' },
  },
  {
    ip: '196.21.0.1',
    city: 'Cape Town',
    location: { lat: -33.9249, lon: 18.4241, accuracyM: 25_000, source: 'IP' },
  },
  {
    ip: '81.2.69.160',
    city: 'London',
    location: { lat: 51.5072, lon: -0.1276, accuracyM: 25_000, source: 'IP' },
  },
];

/** The customer's usual place: where the payment app is used from unless an attack says otherwise. */
export const HOME_IP = IP_PLACES[0] as IpPlace;

export const placeOf = (ip: string): IpPlace =>
  IP_PLACES.find((place) => place.ip === ip) ?? HOME_IP;

import type { UserProfile } from '@sentinel/engine';

/** Fictional customers for the local stack. Numbers are from a test range, not real people. */
export const DEMO_CUSTOMERS = {
  alice: {
    userId: 'demo-alice',
    phoneNumber: '+27821230001',
    deviceId: 'alice-phone-1',
    imei: '356938035643809',
  },
  bongani: {
    userId: 'demo-bongani',
    phoneNumber: '+27821230002',
    deviceId: 'bongani-phone-1',
    imei: '356938035643817',
  },
} as const;

const DAY_MS = 86_400_000;

export function demoProfiles(now: Date): UserProfile[] {
  const boundAt = new Date(now.getTime() - 200 * DAY_MS);
  const { alice, bongani } = DEMO_CUSTOMERS;
  return [
    {
      userId: alice.userId,
      phoneNumber: alice.phoneNumber,
      devices: [{ id: alice.deviceId, imei: alice.imei, boundAt }],
      homeLocation: { lat: -26.2041, lon: 28.0473 },
      enrolledFactors: ['WEBAUTHN'],
      contacts: { email: 'alice@example.test' },
    },
    {
      userId: bongani.userId,
      phoneNumber: bongani.phoneNumber,
      devices: [{ id: bongani.deviceId, imei: bongani.imei, boundAt }],
      homeLocation: { lat: -33.9249, lon: 18.4241 },
      enrolledFactors: ['WEBAUTHN', 'TOTP'],
      contacts: {},
    },
  ];
}

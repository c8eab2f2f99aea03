// npm start's demo customers, onboarded through the real APIs (scripts/start.ts seeds them).
export const DEMO = [
  {
    userId: 'demo-alice',
    phone: '+27821230001',
    device: 'alice-phone-1',
    imei: '356938035643809',
    factors: ['WEBAUTHN'],
    email: 'alice@example.test',
  },
  {
    userId: 'demo-bongani',
    phone: '+27821230002',
    device: 'bongani-phone-1',
    imei: '356938035643817',
    factors: ['WEBAUTHN', 'TOTP'],
  },
  {
    // Not activated on the simulator: it answers 404 for his number, as an operator that does
    // not cover him would (Twilio for every South African number), so his signal is UNAVAILABLE.
    userId: 'demo-bob',
    phone: '+27821230003',
    device: 'bob-phone-1',
    imei: '356938035643825',
    factors: [],
    uncovered: true,
  },
] as const;

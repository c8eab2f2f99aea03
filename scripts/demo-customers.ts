// npm start's demo customers, onboarded through the real APIs (scripts/start.ts seeds them).
export const DEMO = [
  {
    userId: 'demo-alice',
    phone: '+27821230001',
    device: 'alice-phone-1',
    imei: '356938035643809',
    name: 'Alice',
    factors: ['WEBAUTHN'],
    email: 'alice@example.test',
  },
  {
    userId: 'demo-bongani',
    phone: '+27821230002',
    device: 'bongani-phone-1',
    imei: '356938035643817',
    name: 'Bongani',
    factors: ['WEBAUTHN', 'TOTP'],
  },
  {
    // Not activated on the simulator: it answers 404 for his number, as an operator that does
    // not cover him would (Twilio for every South African number), so his signal is UNAVAILABLE.
    userId: 'demo-bob',
    phone: '+27821230003',
    device: 'bob-phone-1',
    imei: '356938035643825',
    name: 'Bob',
    factors: [],
    uncovered: true,
  },
  {
    // Covered by the operator, but only SMS to reach her (no passkey, no TOTP, no e-mail): when
    // the operator stops answering, no in-app step-up is safe and her payment is held out of band.
    userId: 'demo-carol',
    phone: '+27821230004',
    device: 'carol-phone-1',
    imei: '356938035643833',
    name: 'Carol',
    factors: [],
  },
] as const;

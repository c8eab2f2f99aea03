import type { OtpFacts } from './otp-only.ts';

/** Which device an attempt comes from (the engine's scenario generator uses the same roles). */
export type DeviceRole = 'bound' | 'attacker-phone' | 'laptop' | 'bot' | 'fleet';

/** One row of the comparison table: a SHIELD scenario staged against the victim, in one click. */
export interface Scenario {
  readonly id: string;
  readonly title: string;
  readonly story: string;
  /** The victim's SIM swapped this long ago at the operator first; null: no swap. */
  readonly simSwapMinutesAgo: number | null;
  readonly device: DeviceRole;
  /** The behavioural snapshot the attempt carries (a fixture name); null: none (pre-auth). */
  readonly snapshot: string | null;
  readonly otp: OtpFacts;
}

const attack = (simSwapped: boolean, attackerHoldsPhone = false): OtpFacts => ({
  legitimate: false,
  simSwapped,
  attackerHoldsPhone,
});

/**
 * The control and SHIELD's six scenarios (reference/shield; SHIELD's own descriptions), each
 * against the demo's victim: her SIM is swapped first when the scenario says so.
 */
export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'legitimate',
    title: 'Control: the customer herself',
    story: 'She pays from her own phone, typing as she always does; no swap.',
    simSwapMinutesAgo: null,
    device: 'bound',
    snapshot: 'own',
    otp: { legitimate: true, simSwapped: false, attackerHoldsPhone: false },
  },
  {
    id: 'scenario_1',
    title: 'SHIELD 1: new phone + SIM',
    story: 'The attacker swapped her SIM 2 h ago and pays from his own phone.',
    simSwapMinutesAgo: 120,
    device: 'attacker-phone',
    snapshot: 'scenario_1',
    otp: attack(true),
  },
  {
    id: 'scenario_2',
    title: 'SHIELD 2: laptop + OTP SIM',
    story: 'Swapped SIM for the codes, payment from a laptop (mouse, no touch or motion).',
    simSwapMinutesAgo: 120,
    device: 'laptop',
    snapshot: 'scenario_2',
    otp: attack(true),
  },
  {
    id: 'scenario_3',
    title: 'SHIELD 3: bot automation',
    story: 'A script drives the app with the swapped SIM: inhumanly regular timing.',
    simSwapMinutesAgo: 120,
    device: 'bot',
    snapshot: 'scenario_3',
    otp: attack(true),
  },
  {
    id: 'scenario_4',
    title: 'SHIELD 4: same-device takeover',
    story: 'The attacker holds her unlocked phone (no swap needed): only behaviour differs.',
    simSwapMinutesAgo: null,
    device: 'bound',
    snapshot: 'scenario_4',
    otp: attack(false, true),
  },
  {
    id: 'scenario_5',
    title: 'SHIELD 5: credential stuffing + fleet',
    story: 'One attacker device tries every account in a row with stolen passwords; no SIM.',
    simSwapMinutesAgo: null,
    device: 'fleet',
    snapshot: 'scenario_5',
    otp: attack(false),
  },
  {
    id: 'scenario_6',
    title: 'SHIELD 6: pre-auth SIM probe',
    story: 'SIM swapped 10 min ago; a payment from a new phone before any session exists.',
    simSwapMinutesAgo: 10,
    device: 'attacker-phone',
    snapshot: null,
    otp: attack(true),
  },
];

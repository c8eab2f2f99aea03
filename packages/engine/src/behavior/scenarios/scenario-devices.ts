import type { DeviceInfo } from '../../payment.ts';
import { deriveSeed } from './seeded-random.ts';
import type { ScenarioId, ShieldReference } from './shield-reference.ts';

/** The device a scenario's payment comes from. */
export type DeviceRole = 'bound' | 'attacker-phone' | 'laptop' | 'bot' | 'fleet';

/**
 * Which device each scenario uses, following SHIELD's descriptions: the legitimate user and the
 * same-device takeover (4) use the victim's bound phone and its IMEI; the new phone + SIM (1) and
 * the pre-auth SIM probe (6) a phone of the attacker's (another IMEI: IMEI drift); the laptop (2)
 * and the bot (3) new devices without an IMEI; credential stuffing (5) one attacker device shared
 * by every account it attacks (`_fleet_fingerprint`), with one IMEI.
 */
export const SCENARIO_DEVICES: Readonly<Record<ScenarioId, DeviceRole>> = {
  legitimate: 'bound',
  scenario_1: 'attacker-phone',
  scenario_2: 'laptop',
  scenario_3: 'bot',
  scenario_4: 'bound',
  scenario_5: 'fleet',
  scenario_6: 'attacker-phone',
};

/** The victim's identity: phone number and bound phone (id and IMEI), derived from the seed. */
export interface SimulatedIdentity {
  readonly userId: string;
  readonly phoneNumber: string;
  readonly boundDevice: { readonly id: string; readonly imei: string };
}

/** A user's identity from a seed: `sim-<seed>`, a +27 82 number, a bound phone with an IMEI. */
export function simulatedIdentity(seed: number): SimulatedIdentity {
  const digits = (stream: number, length: number) =>
    String(deriveSeed(seed, stream) % 10 ** length).padStart(length, '0');
  return {
    userId: `sim-${seed}`,
    phoneNumber: `+2782${digits(1, 7)}`,
    boundDevice: { id: `phone-${seed}`, imei: imei(`35693803${digits(2, 6)}`) },
  };
}

/** The device a scenario's payment comes from, for this user. */
export function scenarioDevice(
  identity: SimulatedIdentity,
  seed: number,
  scenario: ScenarioId,
  reference: ShieldReference,
): DeviceInfo {
  const role = SCENARIO_DEVICES[scenario];
  switch (role) {
    case 'bound':
      return { ...identity.boundDevice, platform: 'android' };
    case 'attacker-phone':
      return {
        id: `attacker-phone-${seed}`,
        imei: imei(`86${String(deriveSeed(seed, 3) % 10 ** 12).padStart(12, '0')}`),
        platform: 'android',
      };
    case 'laptop':
      return { id: `laptop-${seed}`, platform: 'web' };
    case 'bot':
      return { id: `bot-${seed}`, platform: 'web' };
    case 'fleet': {
      const id = reference.attacks.scenario_5.fleetDeviceId ?? 'ATTACKER_DEVICE_FLEET_001';
      return { id, imei: imei('35332511000042'), platform: 'android' };
    }
  }
}

// 14 digits (type allocation code + serial) and the Luhn check digit, as on a real handset.
function imei(fourteen: string): string {
  let sum = 0;
  for (let i = 0; i < fourteen.length; i += 1) {
    let d = Number(fourteen[fourteen.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      d = d > 9 ? d - 9 : d;
    }
    sum += d;
  }
  return `${fourteen}${(10 - (sum % 10)) % 10}`;
}

import type { CustomerView } from '../shared/api.ts';
import type { PaymentDevice } from './payment-request.ts';
import type { DeviceRole } from './scenarios.ts';

/** The customer's own bound phone, as her profile lists it. */
export function boundDevice(customer: CustomerView): PaymentDevice {
  const device = customer.devices[0];
  if (device === undefined) {
    return { id: `${customer.userId}-unbound`, platform: 'android' };
  }
  // The profile's device carries boundAt too; a payment names the device only.
  return device.imei === undefined
    ? { id: device.id, platform: 'android' }
    : { id: device.id, imei: device.imei, platform: 'android' };
}

/**
 * The device an attempt comes from. Attackers' phones have their own IMEI (so the number's IMEI
 * drifts); laptops and bots have none. A fleet device is new for every run (`fleetId`): the fleet
 * rule counts the accounts one device touched in the last hour.
 */
export function deviceFor(
  role: DeviceRole,
  customer: CustomerView,
  fleetId: string,
): PaymentDevice {
  switch (role) {
    case 'bound':
      return boundDevice(customer);
    case 'attacker-phone':
      return { id: 'attacker-phone-9', imei: '490154203237518', platform: 'android' };
    case 'laptop':
      return { id: 'attacker-laptop-2', platform: 'web' };
    case 'bot':
      return { id: 'bot-runner-7', platform: 'web' };
    case 'fleet':
      return { id: fleetId, imei: '353325110000427', platform: 'android' };
  }
}

/** The bound phone's id with another handset's IMEI: the SIM moved to another phone. */
export function imeiDriftDevice(customer: CustomerView): PaymentDevice {
  return { ...boundDevice(customer), imei: '352099001761481' };
}

export const newFleetId = () => `fleet-rig-${Date.now().toString(36)}`;

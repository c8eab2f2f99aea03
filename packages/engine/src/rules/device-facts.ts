import type { DeviceInfo } from '../payment.ts';
import type { AssessmentContext } from '../rule.ts';
import type { BoundDevice } from '../signals.ts';
import { hoursBetween } from '../time.ts';

/** The profile's binding of this payment's device, or undefined (also for an unknown user). */
export function findBoundDevice(ctx: AssessmentContext): BoundDevice | undefined {
  return ctx.profile?.devices.find((d) => d.id === ctx.payment.device.id);
}

/** Hours since the device was bound (negative if bound "in the future": clock skew). */
export function boundAgeHours(device: BoundDevice, now: Date): number {
  return hoursBetween(device.boundAt, now);
}

// IMEI (15 digits) and IMEISV (16) share the first 14 digits (TAC + serial); the rest is a check
// digit or software version, which changes with an OS update and is not a device change.
function imeiIdentity(imei: string): string {
  const digits = imei.replace(/\D/g, '');
  return digits.length >= 14 ? digits.slice(0, 14) : digits;
}

/** The IMEI this payment's handset should have, and where Sentinel knows it from. */
export interface ReferenceImei {
  readonly imei: string;
  readonly at: Date;
  readonly source: 'history' | 'binding';
}

/**
 * The last IMEI Sentinel saw with this phone number (learned from approved payments) or, before
 * any, the IMEI the bank registered for this device when it bound it. Undefined when neither.
 */
export function referenceImei(ctx: AssessmentContext): ReferenceImei | undefined {
  const last = ctx.history.lastImei;
  if (last !== undefined && last.phoneNumber === ctx.payment.phoneNumber) {
    return { imei: last.imei, at: last.at, source: 'history' };
  }
  const bound = findBoundDevice(ctx);
  if (bound?.imei !== undefined && ctx.profile?.phoneNumber === ctx.payment.phoneNumber) {
    return { imei: bound.imei, at: bound.boundAt, source: 'binding' };
  }
  return undefined;
}

/**
 * Whether the device's IMEI differs from its reference IMEI (see `referenceImei`).
 * False when either side is unknown.
 */
export function hasImeiDrift(ctx: AssessmentContext): boolean {
  const device: DeviceInfo = ctx.payment.device;
  const reference = referenceImei(ctx);
  if (device.imei === undefined || reference === undefined) {
    return false;
  }
  return imeiIdentity(device.imei) !== imeiIdentity(reference.imei);
}

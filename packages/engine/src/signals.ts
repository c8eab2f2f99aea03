import type { GeoPoint, Location, Money } from './payment.ts';

/** Step-up methods the auth service can run. */
export const STEP_UP_METHODS = ['WEBAUTHN', 'TOTP', 'SMS_OTP', 'EMAIL_OTP'] as const;
export type StepUpMethod = (typeof STEP_UP_METHODS)[number];

/**
 * What a STEP_UP decision can offer: the in-app methods, or `OUT_OF_BAND` alone when none is safe
 * and the payment is held (issue 12): a call centre or branch verifies the customer and releases
 * the hold. No challenge exists for it.
 */
export const OFFERED_METHODS = [...STEP_UP_METHODS, 'OUT_OF_BAND'] as const;
export type OfferedMethod = (typeof OFFERED_METHODS)[number];
export const OUT_OF_BAND = 'OUT_OF_BAND' satisfies OfferedMethod;

/** The step-up is the out-of-band verification of a held payment: no in-app challenge. */
export function isOutOfBand(methods: readonly OfferedMethod[]): boolean {
  return methods.includes(OUT_OF_BAND);
}

/** The methods a challenge can run (all but OUT_OF_BAND). */
export function inAppMethods(methods: readonly OfferedMethod[]): StepUpMethod[] {
  return methods.filter((m): m is StepUpMethod => m !== OUT_OF_BAND);
}

export interface BoundDevice {
  readonly id: string;
  readonly imei?: string;
  readonly boundAt: Date;
}

/** The bank's view of its customer, upserted at onboarding (`PUT /v1/users/{userId}`). */
export interface UserProfile {
  readonly userId: string;
  readonly phoneNumber: string;
  readonly devices: readonly BoundDevice[];
  readonly homeLocation?: GeoPoint;
  /** Step-up factors the customer has enrolled (passkey, authenticator app). SMS and e-mail follow from contacts. */
  readonly enrolledFactors: readonly ('WEBAUTHN' | 'TOTP')[];
  readonly contacts: { readonly email?: string };
}

/** SIM swap signal for one MSISDN as ingested from a telco provider (CAMARA, Twilio, simulator). */
export interface SimSwapSignal {
  readonly phoneNumber: string;
  /** Latest SIM change the operator reported; null = none within the monitored period. */
  readonly lastSwapAt: Date | null;
  /** When a provider last answered for this number. */
  readonly checkedAt: Date;
  readonly source: string;
  /** The operator's monitored window in hours, when it reported one (CAMARA `monitoredPeriod`). */
  readonly monitoredPeriodHours?: number;
}

export type SignalFreshness = 'FRESH' | 'STALE' | 'UNAVAILABLE';

/** One earlier assessed payment of this user, as remembered for velocity and amount rules. */
export interface PaymentMemory {
  readonly decisionId: string;
  readonly at: Date;
  readonly amount: Money;
  readonly payeeAccountId?: string;
  readonly action: 'APPROVE' | 'STEP_UP' | 'DENY';
}

/** What Sentinel itself has observed about a user across earlier decisions. */
export interface UserHistory {
  /** Most recent first, bounded (the store keeps a window). */
  readonly recentPayments: readonly PaymentMemory[];
  readonly lastLocation?: Location & { readonly at: Date };
  /** Last IMEI seen together with a phone number. */
  readonly lastImei?: { readonly imei: string; readonly phoneNumber: string; readonly at: Date };
  /** Failed logins reported by the bank, most recent first. */
  readonly failedLogins: readonly Date[];
}

/** One payment seen from a device on an account; the fleet rule looks for shared devices. */
export interface DeviceSighting {
  readonly userId: string;
  /** The app's device-binding id, as in `PaymentRequest.device.id`. */
  readonly deviceId: string;
  readonly at: Date;
  /**
   * The device was one of the account's bound devices (its profile's `devices`) when seen: its
   * customer is a possible victim of whoever else used it, not a stuffed account.
   */
  readonly bound: boolean;
}

export const EMPTY_HISTORY: UserHistory = { recentPayments: [], failedLogins: [] };

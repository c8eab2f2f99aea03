import type { Location, PaymentRequest } from './payment.ts';
import type { RuleHit } from './rule.ts';
import type { DeviceSighting, PaymentMemory, UserProfile } from './signals.ts';

/** One account a decision freezes, with the code of the rule that asked for it. */
export interface FreezeEffect {
  readonly userId: string;
  readonly reason: string;
}

/** What the payer's history learns from one decision (the service adds the decision id). */
export interface HistoryEffect {
  readonly userId: string;
  /** Every attempt is remembered: the velocity rules count attempts, whatever the answer. */
  readonly payment: Omit<PaymentMemory, 'decisionId'>;
  /** Learned from an APPROVE only (see `historyEffect`). */
  readonly location?: Location & { readonly at: Date };
  /** Learned from an APPROVE only (see `historyEffect`). */
  readonly imei?: { readonly imei: string; readonly phoneNumber: string; readonly at: Date };
}

/**
 * What follows from one assessment besides the answer. The service applies exactly this, off the
 * hot path and idempotently on the decision id; it never decides any of it itself.
 */
export interface Effects {
  /** Accounts to freeze, sorted by user id; empty for most decisions. */
  readonly freezes: readonly FreezeEffect[];
  readonly history: HistoryEffect;
  /** The device sighting the fleet rule will see; null when the payer is no known customer. */
  readonly sighting: DeviceSighting | null;
}

/**
 * The accounts the hits freeze: the payer's when a hit says `freeze`, and each hit's
 * `freezeOthers`. Hits come heaviest first; an account frozen by several takes the first's code.
 */
export function freezeEffects(
  rankedHits: readonly RuleHit[],
  payerId: string,
): readonly FreezeEffect[] {
  const reasons = new Map<string, string>();
  for (const hit of rankedHits) {
    const accounts = [...(hit.freeze === true ? [payerId] : []), ...(hit.freezeOthers ?? [])];
    for (const userId of accounts) {
      if (!reasons.has(userId)) {
        reasons.set(userId, hit.code);
      }
    }
  }
  return [...reasons]
    .map(([userId, reason]) => ({ userId, reason }))
    .sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
}

/**
 * What the history learns. Place and IMEI only from an APPROVE: a challenged or denied attempt may
 * be the fraudster's, and learning its IMEI or place would silence IMEI drift and impossible
 * travel for the fraudster's next try while flagging the real customer's. Times are the payment's
 * own (`occurredAt`), which the time-window rules compare.
 */
export function historyEffect(
  payment: PaymentRequest,
  action: PaymentMemory['action'],
): HistoryEffect {
  const at = payment.occurredAt;
  const learn = action === 'APPROVE';
  const { location } = payment;
  const imei = payment.device.imei;
  return {
    userId: payment.userId,
    payment: {
      at,
      amount: { minor: payment.amount.minor, currency: payment.amount.currency },
      action,
      ...(payment.payee === undefined ? {} : { payeeAccountId: payment.payee.accountId }),
    },
    ...(learn && location !== undefined ? { location: { ...location, at } } : {}),
    ...(learn && imei !== undefined
      ? { imei: { imei, phoneNumber: payment.phoneNumber, at } }
      : {}),
  };
}

/**
 * The sighting one decision leaves: this account on this device at decision time, whatever the
 * action (a denied attempt is the fleet's footprint too), and whether the device is bound to it.
 * None for a customer who does not exist: naming one must not count towards anyone's fleet.
 */
export function sightingEffect(
  payment: PaymentRequest,
  profile: UserProfile | null,
  now: Date,
): DeviceSighting | null {
  if (profile === null) {
    return null;
  }
  return {
    userId: payment.userId,
    deviceId: payment.device.id,
    at: now,
    bound: isBoundTo(profile, payment.device.id),
  };
}

/** The device is one of the customer's bound devices. */
export function isBoundTo(profile: UserProfile, deviceId: string): boolean {
  return profile.devices.some((d) => d.id === deviceId);
}

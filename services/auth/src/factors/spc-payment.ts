import type { PaymentChallenge } from './payment-binding.ts';

/**
 * Secure Payment Confirmation: a `payment.get` assertion's client data carries the amount and
 * payee the browser showed (`CollectedClientAdditionalPaymentData`, W3C SPC). SimpleWebAuthn does
 * not read them; this checks them against the challenge's payment. True when they match.
 */
export function spcPaymentMatches(clientData: unknown, challenge: PaymentChallenge): boolean {
  if (typeof clientData !== 'object' || clientData === null || !('payment' in clientData)) {
    return false;
  }
  const payment = clientData.payment;
  if (typeof payment !== 'object' || payment === null || !('total' in payment)) {
    return false;
  }
  const total = payment.total;
  if (
    typeof total !== 'object' ||
    total === null ||
    !('currency' in total) ||
    !('value' in total)
  ) {
    return false;
  }
  if (total.currency !== challenge.amount.currency || typeof total.value !== 'string') {
    return false;
  }
  if (toMinor(total.value, challenge.amount.currency) !== challenge.amount.minor) {
    return false;
  }
  const payeeName = 'payeeName' in payment ? payment.payeeName : undefined;
  return challenge.payee === null || payeeName === challenge.payee;
}

/** A PaymentCurrencyAmount value ("123.45") in the currency's minor units; null if not exact. */
export function toMinor(value: string, currency: string): number | null {
  const match = /^([0-9]+)(?:\.([0-9]+))?$/.exec(value);
  if (match === null) {
    return null;
  }
  const digits = minorDigits(currency);
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > digits) {
    return null;
  }
  return Number(`${match[1]}${fraction.padEnd(digits, '0')}`);
}

function minorDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

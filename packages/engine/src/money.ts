import type { Money } from './payment.ts';

/** Money for a reason message, e.g. "ZAR 5,000.00" (fraction digits from ISO 4217 via Intl). */
export function formatMoney({ minor, currency }: Money): string {
  try {
    const format = new Intl.NumberFormat('en', {
      style: 'currency',
      currency,
      currencyDisplay: 'code',
    });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(minor / 10 ** digits).replace(/\s+/g, ' ');
  } catch {
    // A malformed currency code: still say something exact.
    return `${minor} minor units of ${currency}`;
  }
}

import type { Money } from './payment.ts';

interface CurrencyFormat {
  readonly format: Intl.NumberFormat;
  readonly digits: number;
}

// Building an Intl.NumberFormat costs tens of µs: it was half the CPU of a policy backtest
// (profiled with --cpu-prof). One per currency is kept; ISO 4217 lists about 180 codes, and past
// the bound (made-up codes that happen to be well-formed) formats are built per call again.
const MAX_FORMATS = 256;
const formats = new Map<string, CurrencyFormat>();

function currencyFormat(currency: string): CurrencyFormat {
  const kept = formats.get(currency);
  if (kept !== undefined) {
    return kept;
  }
  const format = new Intl.NumberFormat('en', {
    style: 'currency',
    currency,
    currencyDisplay: 'code',
  });
  const built = { format, digits: format.resolvedOptions().maximumFractionDigits ?? 2 };
  if (formats.size < MAX_FORMATS) {
    formats.set(currency, built);
  }
  return built;
}

/** Money for a reason message, e.g. "ZAR 5,000.00" (fraction digits from ISO 4217 via Intl). */
export function formatMoney({ minor, currency }: Money): string {
  try {
    const { format, digits } = currencyFormat(currency);
    return format.format(minor / 10 ** digits).replace(/\s+/g, ' ');
  } catch {
    // A malformed currency code: still say something exact.
    return `${minor} minor units of ${currency}`;
  }
}

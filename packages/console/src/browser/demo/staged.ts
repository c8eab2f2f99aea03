import type { PaymentDevice } from './payment-request.ts';

/**
 * What the attack panel staged for the phone's next payment: another device, another place, a
 * bot's session. Empty: the customer's own phone, at home, her own behaviour. Used once.
 */
export interface Staged {
  readonly device?: PaymentDevice;
  readonly ip?: string;
  readonly snapshot?: string;
  /** What was staged, in words, for the panel and the log. */
  readonly labels: readonly string[];
}

export const NOTHING_STAGED: Staged = { labels: [] };

export function stage(current: Staged, add: Omit<Staged, 'labels'>, label: string): Staged {
  return { ...current, ...add, labels: [...current.labels.filter((l) => l !== label), label] };
}

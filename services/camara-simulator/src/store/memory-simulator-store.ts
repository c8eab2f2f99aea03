import type { NumberRecord } from '../domain/number-record.ts';
import type { SubscriptionRecord } from '../subscriptions/subscription.ts';
import type { SimulatorStore, TokenRecord } from './simulator-store.ts';

const byStart = (a: SubscriptionRecord, b: SubscriptionRecord): number =>
  a.startsAt.getTime() - b.startsAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** `SimulatorStore` in process memory (tests, `SIMULATOR_STORE=memory`); copies in and out. */
export class MemorySimulatorStore implements SimulatorStore {
  readonly #numbers = new Map<string, NumberRecord>();
  readonly #subscriptions = new Map<string, SubscriptionRecord>();
  readonly #tokens = new Map<string, TokenRecord>();

  getNumber(phoneNumber: string): Promise<NumberRecord | null> {
    const found = this.#numbers.get(phoneNumber);
    return Promise.resolve(found === undefined ? null : structuredClone(found));
  }

  putNumber(record: NumberRecord): Promise<void> {
    this.#numbers.set(record.phoneNumber, structuredClone(record));
    return Promise.resolve();
  }

  deleteNumber(phoneNumber: string): Promise<boolean> {
    return Promise.resolve(this.#numbers.delete(phoneNumber));
  }

  listNumbers(): Promise<readonly NumberRecord[]> {
    const sorted = [...this.#numbers.values()].sort((a, b) =>
      a.phoneNumber < b.phoneNumber ? -1 : a.phoneNumber > b.phoneNumber ? 1 : 0,
    );
    return Promise.resolve(structuredClone(sorted));
  }

  putSubscription(subscription: SubscriptionRecord): Promise<void> {
    this.#subscriptions.set(subscription.id, structuredClone(subscription));
    return Promise.resolve();
  }

  getSubscription(id: string): Promise<SubscriptionRecord | null> {
    const found = this.#subscriptions.get(id);
    return Promise.resolve(found === undefined ? null : structuredClone(found));
  }

  listSubscriptions(filter?: {
    readonly phoneNumber?: string;
  }): Promise<readonly SubscriptionRecord[]> {
    const phone = filter?.phoneNumber;
    const all = [...this.#subscriptions.values()].filter(
      (s) => phone === undefined || s.phoneNumber === phone,
    );
    return Promise.resolve(structuredClone(all.sort(byStart)));
  }

  listExpiring(expiresBy: Date, tokenExpiresBy: Date): Promise<readonly SubscriptionRecord[]> {
    const due = [...this.#subscriptions.values()].filter(
      (s) =>
        (s.expiresAt !== undefined && s.expiresAt <= expiresBy) ||
        (s.sinkCredential !== undefined && s.sinkCredential.expiresAt <= tokenExpiresBy),
    );
    return Promise.resolve(structuredClone(due.sort(byStart)));
  }

  countEvent(id: string): Promise<number | null> {
    const found = this.#subscriptions.get(id);
    if (found === undefined) {
      return Promise.resolve(null);
    }
    const eventsSent = found.eventsSent + 1;
    this.#subscriptions.set(id, { ...found, eventsSent });
    return Promise.resolve(eventsSent);
  }

  deleteSubscription(id: string): Promise<boolean> {
    return Promise.resolve(this.#subscriptions.delete(id));
  }

  putToken(digest: string, token: TokenRecord): Promise<void> {
    this.#tokens.set(digest, structuredClone(token));
    return Promise.resolve();
  }

  getToken(digest: string): Promise<TokenRecord | null> {
    const found = this.#tokens.get(digest);
    return Promise.resolve(found === undefined ? null : structuredClone(found));
  }
}

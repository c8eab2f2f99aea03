import type { SubscriptionRef, SubscriptionRefs } from '../subscription-refs.ts';

/** `SubscriptionRefs` in process memory. */
export class MemorySubscriptionRefs implements SubscriptionRefs {
  readonly #refs = new Map<string, SubscriptionRef>();

  get(phoneNumber: string): Promise<SubscriptionRef | null> {
    return Promise.resolve(this.#refs.get(phoneNumber) ?? null);
  }

  findBySubscriptionId(subscriptionId: string): Promise<SubscriptionRef | null> {
    const found = [...this.#refs.values()].find((r) => r.subscriptionId === subscriptionId);
    return Promise.resolve(found ?? null);
  }

  put(ref: SubscriptionRef): Promise<void> {
    this.#refs.set(ref.phoneNumber, structuredClone(ref));
    return Promise.resolve();
  }

  delete(phoneNumber: string, subscriptionId?: string): Promise<void> {
    const ref = this.#refs.get(phoneNumber);
    if (
      ref !== undefined &&
      (subscriptionId === undefined || ref.subscriptionId === subscriptionId)
    ) {
      this.#refs.delete(phoneNumber);
    }
    return Promise.resolve();
  }
}

import type { PollError, WatchedNumber, WatchedNumbers } from '../watched-numbers.ts';

/** `WatchedNumbers` in process memory (unit tests, the memory-mode local stack). */
export class MemoryWatchedNumbers implements WatchedNumbers {
  readonly #numbers = new Map<string, WatchedNumber>();

  watch(phoneNumber: string, at: Date): Promise<void> {
    if (!this.#numbers.has(phoneNumber)) {
      this.#numbers.set(phoneNumber, {
        phoneNumber,
        watchedSince: new Date(at),
        consecutiveFailures: 0,
        failureCount: 0,
      });
    }
    return Promise.resolve();
  }

  unwatch(phoneNumber: string): Promise<void> {
    this.#numbers.delete(phoneNumber);
    return Promise.resolve();
  }

  get(phoneNumber: string): Promise<WatchedNumber | null> {
    return Promise.resolve(this.#numbers.get(phoneNumber) ?? null);
  }

  async *list(): AsyncIterable<string> {
    // A snapshot, like a paged query: numbers watched during the walk may or may not appear.
    for (const phoneNumber of [...this.#numbers.keys()]) {
      yield await Promise.resolve(phoneNumber);
    }
  }

  recordSuccess(phoneNumber: string, at: Date): Promise<void> {
    const current = this.#numbers.get(phoneNumber);
    if (current !== undefined) {
      this.#numbers.set(phoneNumber, {
        ...current,
        lastSuccessAt: new Date(at),
        consecutiveFailures: 0,
      });
    }
    return Promise.resolve();
  }

  recordFailure(phoneNumber: string, error: PollError): Promise<void> {
    const current = this.#numbers.get(phoneNumber);
    if (current !== undefined) {
      this.#numbers.set(phoneNumber, {
        ...current,
        consecutiveFailures: current.consecutiveFailures + 1,
        failureCount: current.failureCount + 1,
        lastError: { ...error, at: new Date(error.at) },
      });
    }
    return Promise.resolve();
  }
}

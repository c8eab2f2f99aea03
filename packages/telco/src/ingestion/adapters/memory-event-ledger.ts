import type { ClaimOutcome, EventLedger } from '../event-ledger.ts';

interface Entry {
  readonly state: 'processing' | 'done';
  readonly at: number;
}

/** `EventLedger` in process memory; `leaseMs` as in the Firestore adapter. */
export class MemoryEventLedger implements EventLedger {
  readonly #entries = new Map<string, Entry>();
  readonly #leaseMs: number;

  constructor(opts: { readonly leaseMs?: number } = {}) {
    this.#leaseMs = opts.leaseMs ?? 60_000;
  }

  claim(key: string, at: Date): Promise<ClaimOutcome> {
    const entry = this.#entries.get(key);
    if (entry?.state === 'done') {
      return Promise.resolve('done');
    }
    if (entry !== undefined && at.getTime() - entry.at < this.#leaseMs) {
      return Promise.resolve('busy');
    }
    this.#entries.set(key, { state: 'processing', at: at.getTime() });
    return Promise.resolve('claimed');
  }

  complete(key: string, at: Date): Promise<void> {
    this.#entries.set(key, { state: 'done', at: at.getTime() });
    return Promise.resolve();
  }

  release(key: string): Promise<void> {
    if (this.#entries.get(key)?.state === 'processing') {
      this.#entries.delete(key);
    }
    return Promise.resolve();
  }
}

import { LRUCache } from 'lru-cache';

/**
 * A Map that keeps at most `capacity` entries: setting a key makes it the newest, and a set past
 * the capacity forgets the oldest. For the per-instance memories of the hot path (pseudonyms,
 * recent decisions, known document versions), which must never grow with traffic.
 */
// On lru-cache, read with peek() so a read never refreshes an entry (eviction stays by write
// order). Our Map-based version cost 1.8 µs per read-or-set once full, lru-cache 0.15 µs: V8's Map
// walks the holes its deletions leave at the front (docs/performance.md, plumbing-bench.ts).
/** What lru-cache can hold: anything but null and undefined. */
type Present = string | number | bigint | boolean | symbol | object;

export class BoundedMap<K extends Present, V extends Present> {
  readonly #entries: LRUCache<K, V>;

  constructor(capacity: number) {
    if (!(capacity >= 1)) {
      throw new RangeError(`capacity must be at least 1, got ${capacity}`);
    }
    this.#entries = new LRUCache<K, V>({ max: capacity });
  }

  get(key: K): V | undefined {
    return this.#entries.peek(key);
  }

  set(key: K, value: V): void {
    this.#entries.set(key, value);
  }

  delete(key: K): boolean {
    return this.#entries.delete(key);
  }

  /** The values, oldest set first. */
  *values(): Generator<V, void, void> {
    for (const value of this.#entries.rvalues()) {
      // lru-cache yields undefined only for fetches in flight, which a BoundedMap never starts.
      if (value !== undefined) {
        yield value;
      }
    }
  }

  get size(): number {
    return this.#entries.size;
  }
}

/**
 * A Map that keeps at most `capacity` entries: setting a key makes it the newest, and a set past
 * the capacity forgets the oldest. For the per-instance memories of the hot path (pseudonyms,
 * recent decisions, known document versions), which must never grow with traffic.
 */
// Not lru-cache: these memories forget the oldest *set*, reads do not refresh an entry, and a Map
// already keeps insertion order; lru-cache would add per-read bookkeeping to the hot path for it.
export class BoundedMap<K, V> {
  readonly #entries = new Map<K, V>();
  readonly #capacity: number;

  constructor(capacity: number) {
    if (!(capacity >= 1)) {
      throw new RangeError(`capacity must be at least 1, got ${capacity}`);
    }
    this.#capacity = capacity;
  }

  get(key: K): V | undefined {
    return this.#entries.get(key);
  }

  set(key: K, value: V): void {
    this.#entries.delete(key);
    if (this.#entries.size >= this.#capacity) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) {
        this.#entries.delete(oldest.value);
      }
    }
    this.#entries.set(key, value);
  }

  delete(key: K): boolean {
    return this.#entries.delete(key);
  }

  values(): MapIterator<V> {
    return this.#entries.values();
  }

  get size(): number {
    return this.#entries.size;
  }
}

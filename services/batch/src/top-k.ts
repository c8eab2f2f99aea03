/** Orders two items: negative when `a` ranks before (is better than) `b`. */
export type Ranking<T> = (a: T, b: T) => number;

/** The best `k` items seen so far, in memory proportional to `k`, not to what was offered. */
export interface TopK<T> {
  offer(item: T): void;
  /** How many items were offered and not kept (dropped now or pushed out later). */
  readonly dropped: number;
  /** The kept items, best first. */
  sorted(): T[];
}

/**
 * A bounded min-heap: its root is the worst item kept, so an offer that cannot beat it costs one
 * comparison, and one that can replaces it in O(log k).
 */
export function createTopK<T>(
  k: number,
  ranking: Ranking<T>,
  /** What is kept of an item that makes it in (say, a copy that holds on to less). */
  keep: (item: T) => T = (item) => item,
): TopK<T> {
  const heap: T[] = [];
  let offered = 0;
  // `worse(i, j)`: heap[i] ranks after heap[j], so it belongs nearer the root.
  const worse = (i: number, j: number) => ranking(heap[i] as T, heap[j] as T) > 0;
  const swap = (i: number, j: number) => {
    const item = heap[i] as T;
    heap[i] = heap[j] as T;
    heap[j] = item;
  };
  const up = (start: number) => {
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(i, parent)) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  };
  const down = (start: number) => {
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < heap.length && worse(left, worst)) {
        worst = left;
      }
      if (right < heap.length && worse(right, worst)) {
        worst = right;
      }
      if (worst === i) {
        return;
      }
      swap(i, worst);
      i = worst;
    }
  };
  return {
    offer(item) {
      offered++;
      if (k <= 0) {
        return;
      }
      if (heap.length < k) {
        heap.push(keep(item));
        up(heap.length - 1);
      } else if (ranking(item, heap[0] as T) < 0) {
        heap[0] = keep(item);
        down(0);
      }
    },
    get dropped() {
      return offered - heap.length;
    },
    sorted: () => [...heap].sort(ranking),
  };
}

/**
 * A deep copy that can never change: stored once on write, handed out on every read without
 * copying again. Reads are the hot path; a deep copy per read cost 17 % of the in-memory
 * risk-api's CPU under load (profiled with --cpu-prof).
 */
export function frozenCopy<T>(value: T): T {
  return deepFreeze(structuredClone(value));
}

/**
 * Freezes `value` and everything reachable from it; returns it. Except arrays of numbers only,
 * which stay as they are and are read-only by their types (`readonly number[]`): V8 stores a
 * frozen array's numbers boxed, one heap object each. A baseline's 55 × 55 precision matrix
 * frozen was 3,025 objects: 1,000 cached baselines held 73.6 MB against 26.6 MB, a full
 * collection took 36–49 ms against 5–8 (standalone, --expose-gc), and the behavioural distance
 * read them 13 × slower (15.8 against 1.2 µs a call).
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    if (Array.isArray(value)) {
      if (onlyNumbers(value)) {
        return value;
      }
      Object.freeze(value);
      // By index: Reflect.ownKeys makes a string of every index (a history's 20 payments on
      // every delivery: 1.5 % of the in-memory risk-api's CPU, profiled).
      for (const item of value as unknown[]) {
        deepFreeze(item);
      }
    } else {
      Object.freeze(value);
      for (const key of Reflect.ownKeys(value)) {
        deepFreeze((value as Record<PropertyKey, unknown>)[key]);
      }
    }
  }
  return value;
}

/** A non-empty array whose every element is a number (an empty one is frozen as it costs nothing). */
function onlyNumbers(array: readonly unknown[]): boolean {
  if (array.length === 0) {
    return false;
  }
  for (const item of array) {
    if (typeof item !== 'number') {
      return false;
    }
  }
  return true;
}

/**
 * A deep copy without `undefined` properties, which Firestore refuses unless the caller's client
 * sets `ignoreUndefinedProperties`. Dates and other class instances (Timestamps) are kept as they
 * are: Firestore stores a Date as a Timestamp.
 */
export function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.map((item: unknown) => withoutUndefined(item)) as T;
  }
  if (
    value !== null &&
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, withoutUndefined(v)] as const);
    return Object.fromEntries(entries) as T;
  }
  return value;
}

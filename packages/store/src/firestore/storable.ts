/**
 * The deep copy every Firestore write of this adapter hands the client:
 * - without `undefined` properties, which Firestore refuses unless the client sets
 *   `ignoreUndefinedProperties`;
 * - with lone UTF-16 surrogates replaced by U+FFFD. Firestore strings are UTF-8, and half a
 *   surrogate pair fails the whole write (the emulator: UNKNOWN "Application error processing
 *   RPC"). The edge accepts them in free text (device ids, payee accounts, comments), so one such
 *   payment was answered but could never be recorded, and such a profile was a 500
 *   (test/faults/ill-formed-unicode.int.test.ts).
 * Dates and other class instances (Timestamps) are kept as they are: Firestore stores a Date as a
 * Timestamp.
 */
export function storable<T>(value: T): T {
  if (typeof value === 'string') {
    return (value.isWellFormed() ? value : value.toWellFormed()) as T;
  }
  if (Array.isArray(value)) {
    return value.map((item: unknown) => storable(item)) as T;
  }
  if (
    value !== null &&
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [storable(k), storable(v)] as const);
    return Object.fromEntries(entries) as T;
  }
  return value;
}

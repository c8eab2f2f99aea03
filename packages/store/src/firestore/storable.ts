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
    return value.map(storableItem) as T;
  }
  if (
    value !== null &&
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    return Object.fromEntries(Object.entries(value).filter(isDefined).map(storableEntry)) as T;
  }
  return value;
}

// Module-level rather than made per call: the closures made per call were compiled again after
// every full collection under load (issue 17's eleventh session: 20 TurboFan and 10 Maglev
// compilations of them in 10 s; none of these since).
const storableItem = (item: unknown): unknown => storable(item);
const isDefined = ([, v]: [string, unknown]): boolean => v !== undefined;
const storableEntry = ([k, v]: [string, unknown]): [string, unknown] => [storable(k), storable(v)];

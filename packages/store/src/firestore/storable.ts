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

// Module-level rather than made per call: closures made per call kept their optimised code only
// while one of them lived, so each full collection sent them back to the compiler (issue 17's
// eleventh session: 20 TurboFan and 10 Maglev compilations of these in 10 s under load).
const storableItem = (item: unknown): unknown => storable(item);
const isDefined = ([, v]: [string, unknown]): boolean => v !== undefined;
const storableEntry = ([k, v]: [string, unknown]): [string, unknown] => [storable(k), storable(v)];

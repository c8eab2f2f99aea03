import { hash } from 'node:crypto';

// Ours, not an RFC 8785 library: canonicalize 5.1 throws on the lone surrogates our edge accepts
// (1,650 of 5,000 fuzzed bodies); json-canonicalize 3.0 gives the same bytes at 1.2× our 2.6 µs.
/**
 * JSON with object keys sorted at every level (by UTF-16 code units), so key order and
 * whitespace don't matter; `undefined` members are left out as JSON.stringify leaves them out.
 * Its text is stored with every decision (`requestHash`): changing it would make a retry that
 * spans a deploy look like a different body, so the form is pinned by a test.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined) {
    return ''; // as the old form: JSON.stringify(undefined) joined as nothing
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    // What JSON.stringify writes for a finite number (Number::toString), without the call: a
    // behavioural snapshot is 55 of them (1 % of the in-memory risk-api's CPU, profiled).
    return String(value);
  }
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    }
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  for (const key of sortedKeys(Object.keys(record))) {
    const member = record[key];
    if (member !== undefined) {
      out += (out.length === 1 ? '' : ',') + quoted(key) + ':' + canonicalJson(member);
    }
  }
  return out + '}';
}

// Keys as JSON strings, for the first 4,096 keys seen (the request schemas' own, the 55 features):
// JSON.stringify of each key was 3.1 of a behavioural snapshot's 8.7 µs, a Map read is a sixth
// of it. Bounded, so keys a client makes up cannot grow it.
const QUOTED_MAX = 4_096;
const quotedKeys = new Map<string, string>();

function quoted(key: string): string {
  let text = quotedKeys.get(key);
  if (text === undefined) {
    text = JSON.stringify(key);
    if (quotedKeys.size < QUOTED_MAX) {
      quotedKeys.set(key, text);
    }
  }
  return text;
}

// Objects of this many keys or more, up to the most, have their sorted order remembered, one per
// key count and at most ORDERS_MAX counts: bounded whatever bodies clients send (the request schema
// allows 128 features; this function does not rely on it).
const REMEMBERED_FROM = 16;
const REMEMBERED_UP_TO = 256;
const ORDERS_MAX = 64;
const rememberedOrders = new Map<number, { readonly keys: string[]; readonly sorted: string[] }>();

/**
 * `keys` sorted. A behavioural snapshot's 55 features arrive in the same order request after
 * request (the SDK's), and sorting them cost 1.9 µs: a large object whose keys come in the order
 * last seen for its key count reuses that sort (one pass of identity comparisons; the keys of
 * parsed JSON are internalised strings). A different order replaces the remembered one.
 */
function sortedKeys(keys: string[]): readonly string[] {
  if (keys.length < REMEMBERED_FROM) {
    return insertionSorted(keys);
  }
  if (keys.length > REMEMBERED_UP_TO) {
    return keys.sort();
  }
  const remembered = rememberedOrders.get(keys.length);
  if (remembered !== undefined && sameOrder(keys, remembered.keys)) {
    return remembered.sorted;
  }
  const sorted = [...keys].sort();
  if (remembered !== undefined || rememberedOrders.size < ORDERS_MAX) {
    rememberedOrders.set(keys.length, { keys, sorted });
  }
  return sorted;
}

/**
 * `keys` sorted in place, by UTF-16 code units as `sort()` compares strings. For the few keys of
 * most objects: `sort()` copies the array into a work array of its own first, and `sort` was the
 * in-memory risk-api's largest allocation site, this fingerprint about 4 % of the bytes of its
 * 7 % (sampled, issue 17's sixth session).
 */
function insertionSorted(keys: string[]): string[] {
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i] as string;
    let j = i;
    while (j > 0 && (keys[j - 1] as string) > key) {
      keys[j] = keys[j - 1] as string;
      j--;
    }
    keys[j] = key;
  }
  return keys;
}

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return false;
    }
  }
  return true;
}

/** SHA-256 (hex) of the canonical form: the fingerprint idempotency compares. */
export function requestHash(body: unknown): string {
  return hash('sha256', canonicalJson(body));
}

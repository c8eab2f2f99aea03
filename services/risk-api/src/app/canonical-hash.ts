import { hash } from 'node:crypto';

// No RFC 8785 library: for what a parsed JSON body holds this already is JCS's form (primitives as
// JSON.stringify writes them, keys sorted by UTF-16 code units), and stored hashes pin its text.
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
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member !== undefined) {
      out += (out.length === 1 ? '' : ',') + JSON.stringify(key) + ':' + canonicalJson(member);
    }
  }
  return out + '}';
}

/** SHA-256 (hex) of the canonical form: the fingerprint idempotency compares. */
export function requestHash(body: unknown): string {
  return hash('sha256', canonicalJson(body));
}

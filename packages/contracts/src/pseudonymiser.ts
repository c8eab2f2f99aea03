import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { BoundedMap } from '@sentinel/kernel';

/** What a pseudonym stands for; each kind gets its own derived key (domain separation). */
export const PSEUDONYM_KINDS = ['phone', 'user', 'ip', 'device', 'payee'] as const;
export type PseudonymKind = (typeof PSEUDONYM_KINDS)[number];

/** Keyed, deterministic, one-way: the same value of the same kind always maps to the same key. */
export type Pseudonymise = (kind: PseudonymKind, value: string) => string;

const MIN_KEY_BYTES = 16;
// Pseudonyms remembered per instance and kind: the same customers pay again and again, and an
// HMAC per value and event was 4 % of the in-memory risk-api's CPU under load. Oldest forgotten
// first.
const MEMO_SIZE = 10_000;

/**
 * HMAC-SHA256 pseudonyms (SPEC §8; the key lives in Secret Manager). A per-kind key is derived
 * once as HMAC(key, "sentinel/pseudonym/v1/<kind>"), so a phone number and a user id with the same
 * characters never share a pseudonym, and analytics can join on a kind without learning values.
 * Values are hashed exactly as given (phone numbers are E.164, ids are opaque); output is hex.
 */
export function createPseudonymiser(key: Buffer | string): Pseudonymise {
  const secret = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
  if (secret.length < MIN_KEY_BYTES) {
    throw new RangeError(`pseudonymisation key must be at least ${MIN_KEY_BYTES} bytes`);
  }
  // KeyObjects, made once: a raw Buffer key is re-imported on every createHmac call, which was
  // most of the cost of a pseudonym under load (profiled).
  // Per kind: its key and its memory of values, so a lookup hashes the value as given (one
  // map keyed by "kind\nvalue" built and hashed a new string per lookup: 2 % of the in-memory
  // risk-api's CPU under load, profiled).
  const kinds = new Map<PseudonymKind, { key: KeyObject; memo: BoundedMap<string, string> }>(
    PSEUDONYM_KINDS.map((kind) => [
      kind,
      {
        key: createSecretKey(
          createHmac('sha256', secret).update(`sentinel/pseudonym/v1/${kind}`).digest(),
        ),
        memo: new BoundedMap<string, string>(MEMO_SIZE),
      },
    ]),
  );
  return (kind, value) => {
    const known = kinds.get(kind);
    if (known === undefined) {
      throw new TypeError(`unknown pseudonym kind: ${kind}`);
    }
    let pseudonym = known.memo.get(value);
    if (pseudonym === undefined) {
      pseudonym = createHmac('sha256', known.key).update(value, 'utf8').digest('hex');
      known.memo.set(value, pseudonym);
    }
    return pseudonym;
  };
}

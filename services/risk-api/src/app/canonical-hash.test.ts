import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, requestHash } from './canonical-hash.ts';

const body = {
  transactionId: 'tx-1',
  amount: { minor: 125000, currency: 'ZAR' },
  device: { imei: '356938035643809', id: 'alice-phone-1' },
  behavior: { features: { 'b-2': 0.5, a_1: -1e-7, Zeta: 3 } },
  tags: ['z', 'a', { y: 1, x: [2, 1] }],
  note: 'ünïcødé "quoted" \u2028',
  absent: undefined,
  nothing: null,
};

describe('canonicalJson', () => {
  it('sorts keys at every level, keeps array order and leaves undefined members out', () => {
    expect(canonicalJson(body)).toBe(
      '{"amount":{"currency":"ZAR","minor":125000},' +
        '"behavior":{"features":{"Zeta":3,"a_1":-1e-7,"b-2":0.5}},' +
        '"device":{"id":"alice-phone-1","imei":"356938035643809"},' +
        '"note":"ünïcødé \\"quoted\\" \u2028","nothing":null,' +
        '"tags":["z","a",{"x":[2,1],"y":1}],"transactionId":"tx-1"}',
    );
  });

  it('writes every number as JSON.stringify does', () => {
    const numbers = [0, -0, 1, -1.5, 0.1 + 0.2, 1e21, 1e-7, 123456789012345680000, 2 ** 53 + 2];
    const odd = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
    for (const n of [...numbers, ...odd]) {
      expect(canonicalJson(n)).toBe(JSON.stringify(n));
      expect(canonicalJson([n, { n }])).toBe(JSON.stringify([n, { n }]));
    }
  });

  it('does not depend on key order or whitespace', () => {
    const reordered = JSON.parse(
      JSON.stringify(Object.fromEntries(Object.entries(body).reverse()), null, 2),
    ) as unknown;
    expect(canonicalJson(reordered)).toBe(canonicalJson(body));
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
  });

  it('writes a lone surrogate as JSON.stringify escapes it, where RFC 8785 libraries throw', () => {
    // Valid JSON text that the edge accepts (test/faults/ill-formed-unicode): its hash is stored.
    const body = JSON.parse('{"device":{"id":"phone-\\ud800"}}') as unknown;
    expect(canonicalJson(body)).toBe('{"device":{"id":"phone-\\ud800"}}');
  });
});

/** The canonical form written plainly: keys sorted and quoted afresh at every level. */
function reference(value: unknown): string {
  if (value === undefined) {
    return '';
  }
  if (Array.isArray(value)) {
    return `[${value.map(reference).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .filter((key) => record[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${reference(record[key])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('canonicalJson with remembered key orders and quoted keys', () => {
  it('writes large objects as the plain form whatever order of the same count came before', () => {
    // 16 keys or more have their sorted order remembered per key count; objects of one count
    // with other keys, or the same keys in another order, must never get a remembered order.
    const keysArb = fc.uniqueArray(fc.string({ unit: 'binary', maxLength: 6 }), {
      minLength: 16,
      maxLength: 20,
    });
    const objectArb = keysArb.chain((keys) =>
      fc
        .tuple(
          fc.shuffledSubarray(keys, { minLength: keys.length, maxLength: keys.length }),
          fc.array(fc.oneof(fc.double(), fc.string(), fc.constant(undefined)), {
            minLength: keys.length,
            maxLength: keys.length,
          }),
        )
        .map(([order, values]) => Object.fromEntries(order.map((key, i) => [key, values[i]]))),
    );
    fc.assert(
      fc.property(fc.array(objectArb, { minLength: 1, maxLength: 6 }), (objects) => {
        for (const object of objects) {
          expect(canonicalJson(object)).toBe(reference(object));
          expect(canonicalJson({ nested: [object, object] })).toBe(
            reference({ nested: [object, object] }),
          );
        }
      }),
      { numRuns: 500 },
    );
  });

  it('writes the plain form past its memos’ bounds (many key counts, very large objects, many keys)', () => {
    const objectOf = (n: number, prefix: string) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${n - i}`, i]));
    for (let n = 16; n <= 300; n++) {
      const object = objectOf(n, 'k');
      expect(canonicalJson(object)).toBe(reference(object));
    }
    for (let round = 0; round < 2; round++) {
      const fresh = objectOf(5_000, `fresh-${round}-`);
      expect(canonicalJson(fresh)).toBe(reference(fresh));
    }
  });

  it('quotes keys that need escaping as JSON.stringify does, the first time and after', () => {
    const keys = ['say "hi"', 'back\\slash', 'line\u2028sep', 'tab\t', 'lone\ud800'];
    for (let round = 0; round < 2; round++) {
      for (const key of keys) {
        expect(canonicalJson({ [key]: 1 })).toBe(`{${JSON.stringify(key)}:1}`);
      }
    }
  });
});

describe('requestHash', () => {
  it('is the SHA-256 hex of the canonical form', () => {
    // Pinned: the hash is stored with every decision and compared with retries after deploys.
    expect(requestHash({ b: 1, a: 'x' })).toBe(
      createHash('sha256').update('{"a":"x","b":1}').digest('hex'),
    );
    // sha256sum of the bytes {"a":"x","b":1}
    expect(requestHash({ b: 1, a: 'x' })).toBe(
      'cdab067e9f3beb32d1252cfd63e492592fecbf591b0d08cadb24bb17f3864246',
    );
  });
});

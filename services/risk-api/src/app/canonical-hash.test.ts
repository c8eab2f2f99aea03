import { createHash } from 'node:crypto';
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

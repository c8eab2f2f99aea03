import { describe, expect, it } from 'vitest';
import { createPseudonymiser, PSEUDONYM_KINDS } from './pseudonymiser.ts';

const KEY = 'test-pseudonym-key-0123456789';

describe('createPseudonymiser', () => {
  const pseudonymise = createPseudonymiser(KEY);

  it('is HMAC-SHA256 under a per-kind derived key', () => {
    // Computed independently: k = HMAC(KEY, "sentinel/pseudonym/v1/phone"); HMAC(k, number).
    expect(pseudonymise('phone', '+27821230001')).toBe(
      '249b700a5decf477c3d34b80eef154eb21658db079705e181dfd817c3b17dac2',
    );
    expect(createPseudonymiser(Buffer.from(KEY))('phone', '+27821230001')).toBe(
      pseudonymise('phone', '+27821230001'),
    );
  });

  it('gives each kind its own pseudonym for the same characters', () => {
    const values = PSEUDONYM_KINDS.map((kind) => pseudonymise(kind, 'same-value'));
    expect(new Set(values).size).toBe(PSEUDONYM_KINDS.length);
    for (const value of values) {
      expect(value).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('depends on the key', () => {
    const other = createPseudonymiser('another-pseudonym-key-9876543210');
    expect(other('user', 'user-1')).not.toBe(pseudonymise('user', 'user-1'));
  });

  it('answers the same pseudonym for a value however many others came between', () => {
    const fresh = createPseudonymiser(KEY);
    const first = fresh('user', 'user-1');
    // More distinct values than the instance remembers, so user-1 is forgotten and recomputed.
    const others = Array.from({ length: 12_000 }, (_, i) => fresh('user', `other-${i}`));
    expect(new Set(others).size).toBe(others.length);
    expect(fresh('user', 'user-1')).toBe(first);
    expect(fresh('user', 'other-11999')).toBe(others[11_999]);
    expect(fresh('phone', 'user-1')).not.toBe(first);
  });

  it('refuses keys shorter than 16 bytes', () => {
    expect(() => createPseudonymiser('short')).toThrow(RangeError);
  });
});

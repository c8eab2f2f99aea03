import { describe, expect, it } from 'vitest';
import { canonicalIp } from './canonical-ip.ts';

describe('canonicalIp', () => {
  it.each([
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:db8::0001', '2001:db8::1'],
    ['::FFFF:196.25.1.1', '::ffff:c419:101'],
    ['196.25.1.1', '196.25.1.1'],
    ['::1', '::1'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalIp(input)).toBe(expected);
  });
});

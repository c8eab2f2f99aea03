import { describe, expect, it } from 'vitest';
import { createBearerCheck } from './bearer-token.ts';

describe('createBearerCheck', () => {
  const check = createBearerCheck(['current-sink-token', 'previous-sink-token']);

  it.each<[string | null, boolean]>([
    ['Bearer current-sink-token', true],
    ['bearer previous-sink-token', true],
    ['Bearer current-sink-token ', true],
    ['Bearer current-sink-tokeN', false],
    ['Bearer current-sink-token-and-more', false],
    ['Bearer ', false],
    ['Basic current-sink-token', false],
    ['current-sink-token', false],
    ['', false],
    [null, false],
  ])('%j → %s', (header, expected) => {
    expect(check(header)).toBe(expected);
  });

  it.each([[[]], [['']]])('needs a non-empty token: %j', (tokens) => {
    expect(() => createBearerCheck(tokens)).toThrow(RangeError);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findKeyProblem } from './json-keys.ts';

describe('findKeyProblem', () => {
  it.each([
    ['{"amount":1,"amount":2}', 'amount', ''],
    ['{"amount":1,"\\u0061mount":2}', 'amount', ''],
    ['{"a\\"b":1,"a\\u0022b":2}', 'a"b', ''],
    ['{"x":{"y":[{"id":1},{"id":2,"id":3}]}}', 'id', 'x.y.1'],
    ['{"x":{"y":1},"z":{"y":2,"k":{},"k":[]}}', 'k', 'z'],
    [' { "a" : 1 ,\n "b" : { } , "a" : null } ', 'a', ''],
    ['[{"a":1},{"a":2},{"a":3,"a":4}]', 'a', '2'],
  ])('finds the duplicate in %s', (text, key, at) => {
    expect(findKeyProblem(text)).toEqual({ kind: 'duplicate', key, at });
  });

  it.each([
    '{"amount":1,"Amount":2}',
    '{"a":{"b":1},"b":{"a":1}}',
    '{"a":"{\\"a\\":1,\\"a\\":2}","b":"\\\\"}',
    '{"a":["a","a"],"b":"a"}',
    '{"a\\\\":1,"a":2}',
    '[1,"x",{"a":1},{"a":1}]',
    '"{\\"a\\":1,\\"a\\":1}"',
    '{}',
  ])('finds nothing in %s', (text) => {
    expect(findKeyProblem(text)).toBeUndefined();
  });

  it.each([
    ['{"__proto__":{}}', '__proto__', ''],
    ['{"a":{"\\u005f_proto__":1}}', '__proto__', 'a'],
    ['{"a":[{"constructor":1}]}', 'constructor', 'a.0'],
    ['{"prototype":1}', 'prototype', ''],
  ])('finds the reserved key in %s', (text, key, at) => {
    expect(findKeyProblem(text)).toEqual({ kind: 'reserved', key, at });
  });

  it('never throws on malformed text', () => {
    const unit = fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', 'a', 'u', '0', ' ');
    fc.assert(
      fc.property(fc.string({ unit }), (text) => {
        expect(() => findKeyProblem(text)).not.toThrow();
      }),
    );
  });
});

// JSON whose objects are lists of entries, so a key can repeat; keys from a small alphabet (with a
// quote, a backslash and a non-ASCII letter) so that repeats are common.
type Tree = number | string | Tree[] | { entries: [string, Tree][] };
const key = fc.string({ unit: fc.constantFrom('a', 'b', 'é', '"', '\\'), maxLength: 3 });
const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.integer(),
    key,
    fc.array(tie('tree'), { maxLength: 4 }),
    fc.record({ entries: fc.array(fc.tuple(key, tie('tree')), { maxLength: 4 }) }),
  ),
}));

/** Serialises a tree writing every entry, each key character escaped or not as `escape` says. */
function serialise(t: Tree, escape: () => boolean, space: string): string {
  if (typeof t !== 'object') {
    return JSON.stringify(t);
  }
  if (Array.isArray(t)) {
    return `[${t.map((v) => serialise(v, escape, space)).join(`,${space}`)}]`;
  }
  const writeKey = (k: string) =>
    `"${Array.from(k)
      .map((ch) =>
        escape()
          ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`
          : JSON.stringify(ch).slice(1, -1),
      )
      .join('')}"`;
  return `{${space}${t.entries
    .map(([k, v]) => `${writeKey(k)}${space}:${space}${serialise(v, escape, space)}`)
    .join(`,${space}`)}${space}}`;
}

const hasDuplicate = (t: Tree): boolean => {
  if (typeof t !== 'object') {
    return false;
  }
  if (Array.isArray(t)) {
    return t.some(hasDuplicate);
  }
  const keys = t.entries.map(([k]) => k);
  return new Set(keys).size < keys.length || t.entries.some(([, v]) => hasDuplicate(v));
};

describe('findKeyProblem against JSON.parse', () => {
  it('flags a body exactly when one of its objects names a key twice, escaped or not', () => {
    fc.assert(
      fc.property(
        tree,
        fc.infiniteStream(fc.boolean()),
        fc.constantFrom('', ' ', '\n  '),
        (t, coins, space) => {
          const text = serialise(t, () => coins.next().value === true, space);
          // the serialiser writes JSON that JSON.parse reads
          const parsed: unknown = JSON.parse(text);
          expect(parsed).not.toBeUndefined();
          expect(findKeyProblem(text)?.kind === 'duplicate').toBe(hasDuplicate(t));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('finds nothing in any JSON that JSON.stringify writes (no duplicates possible)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2), (value, space) => {
        const text = JSON.stringify(value, null, space);
        const problem = findKeyProblem(text);
        if (problem !== undefined) {
          // only a reserved name may be reported, and JSON.parse holds it as an own key
          expect(problem.kind).toBe('reserved');
          expect(text).toContain(JSON.stringify(problem.key));
        }
      }),
      { numRuns: 2_000 },
    );
  });
});

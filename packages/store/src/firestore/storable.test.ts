import { describe, expect, it } from 'vitest';
import { storable } from './storable.ts';

describe('storable', () => {
  it('drops undefined properties at every depth and keeps everything else', () => {
    const at = new Date('2026-12-07T10:00:00.000Z');
    expect(
      storable({
        a: 1,
        gone: undefined,
        nested: { b: 'x', gone: undefined, list: [1, { c: true, gone: undefined }] },
        at,
        none: null,
      }),
    ).toEqual({ a: 1, nested: { b: 'x', list: [1, { c: true }] }, at, none: null });
  });

  it('replaces lone surrogates in keys and values, in arrays too', () => {
    expect(storable({ 'k\uD800': ['v\uDC00', 'ok'] })).toEqual({ 'k\uFFFD': ['v\uFFFD', 'ok'] });
  });

  it('keeps Dates and class instances as they are, and copies plain objects and arrays', () => {
    class Point {
      readonly x: number;
      constructor(x: number) {
        this.x = x;
      }
    }
    const point = new Point(1);
    const at = new Date(0);
    const list = [{ n: 1 }];
    const out = storable({ point, at, list });
    expect(out.point).toBe(point);
    expect(out.at).toBe(at);
    expect(out.list).not.toBe(list);
    expect(out.list[0]).not.toBe(list[0]);
  });

  it('keeps a __proto__ key as a property of its own, never as the prototype', () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<
      string,
      unknown
    >;
    const out = storable(input);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(out['__proto__']).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

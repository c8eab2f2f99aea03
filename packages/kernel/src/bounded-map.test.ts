import { describe, expect, it } from 'vitest';
import { BoundedMap } from './bounded-map.ts';

describe('BoundedMap', () => {
  it('forgets the entry set longest ago once past its capacity', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 3); // a is now the newest
    map.set('c', 4);
    expect([map.get('a'), map.get('b'), map.get('c')]).toEqual([3, undefined, 4]);
    expect(map.size).toBe(2);
    expect([...map.values()]).toEqual([3, 4]);
    expect(map.delete('a')).toBe(true);
    expect(map.size).toBe(1);
  });

  it('forgets by write order: a read does not make an entry newer', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    expect(map.get('a')).toBe(1);
    map.set('c', 3);
    expect([map.get('a'), map.get('b'), map.get('c')]).toEqual([undefined, 2, 3]);
    expect([...map.values()]).toEqual([2, 3]);
  });

  it('stays at its capacity under a stream of new keys', () => {
    const map = new BoundedMap<string, number>(1_000);
    for (let i = 0; i < 5_000; i++) {
      map.set(`k${i}`, i);
    }
    expect(map.size).toBe(1_000);
    expect(map.get('k3999')).toBeUndefined();
    expect(map.get('k4000')).toBe(4_000);
    expect([...map.values()].slice(0, 2)).toEqual([4_000, 4_001]);
  });

  it('refuses a capacity below one', () => {
    expect(() => new BoundedMap(0)).toThrow(RangeError);
  });
});

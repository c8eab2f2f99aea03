import { describe, expect, it } from 'vitest';
import { RecentList } from './recent-list.ts';

describe('RecentList', () => {
  it('keeps the newest capacity items, oldest first, across the drops of the oldest', () => {
    const list = new RecentList<number>(3);
    const seen: number[][] = [];
    for (let i = 1; i <= 10; i++) {
      list.push(i);
      seen.push(list.toArray());
    }
    expect(seen).toEqual([
      [1],
      [1, 2],
      [1, 2, 3],
      [2, 3, 4],
      [3, 4, 5],
      [4, 5, 6],
      [5, 6, 7],
      [6, 7, 8],
      [7, 8, 9],
      [8, 9, 10],
    ]);
    expect(list.length).toBe(3);
  });

  it('hands out a copy', () => {
    const list = new RecentList<string>(2);
    list.push('a');
    list.toArray().push('b');
    expect(list.toArray()).toEqual(['a']);
  });

  it('refuses a capacity below one', () => {
    expect(() => new RecentList(0)).toThrow(RangeError);
  });
});

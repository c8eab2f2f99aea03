import { describe, expect, it } from 'vitest';
import { lineDiff, withContext } from './line-diff.ts';

describe('lineDiff', () => {
  it.each([
    ['a\nb\nc', 'a\nb\nc', ['  a', '  b', '  c']],
    ['a\nb\nc', 'a\nx\nc', ['  a', '- b', '+ x', '  c']],
    ['a\nc', 'a\nb\nc', ['  a', '+ b', '  c']],
    ['a\nb\nc', 'a\nc', ['  a', '- b', '  c']],
    ['', 'a', ['- ', '+ a']],
  ])('%j → %j', (before, after, expected) => {
    const sign = { same: ' ', added: '+', removed: '-' } as const;
    expect(lineDiff(before, after).map((l) => `${sign[l.kind]} ${l.text}`)).toEqual(expected);
  });

  it('keeps two lines of context around a change and counts the lines it leaves out', () => {
    const before = Array.from({ length: 10 }, (_, i) => `line ${i}`).join('\n');
    const after = before.replace('line 7', 'line seven');
    const shown = withContext(lineDiff(before, after));
    expect(shown[0]).toBe(5);
    expect(shown.slice(1).map((l) => (typeof l === 'number' ? l : l.text))).toEqual([
      'line 5',
      'line 6',
      'line 7',
      'line seven',
      'line 8',
      'line 9',
    ]);
  });
});

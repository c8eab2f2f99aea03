import { describe, expect, it } from 'vitest';
import { formatDuration, progressBar, progressLine } from './progress.ts';

describe('progress', () => {
  it('shows the share of bytes read, rows, rate and the ETA from the byte rate', () => {
    expect(progressLine({ rows: 50_000, bytesRead: 25, totalBytes: 100 }, 2_000)).toBe(
      '[######..................] 25% 50,000 rows, 25,000 rows/s, ETA 0:06',
    );
    expect(formatDuration(3725)).toBe('1:02:05');
  });

  it('redraws at most every 100 ms of the clock, and clears only what it drew', () => {
    let now = 0;
    const frames: string[] = [];
    const bar = progressBar((t) => frames.push(t), { monotonicMs: () => now });
    const p = { rows: 1, bytesRead: 1, totalBytes: 10 };
    bar.update(p);
    now = 50;
    bar.update(p);
    now = 99;
    bar.update(p);
    now = 100;
    bar.update(p);
    expect(frames).toHaveLength(2);
    bar.clear();
    expect(frames[2]).toBe('\r\x1b[K');
    const silent: string[] = [];
    progressBar((t) => silent.push(t), { monotonicMs: () => 0 }).clear();
    expect(silent).toEqual([]);
  });
});

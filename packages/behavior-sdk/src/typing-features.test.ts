import { describe, expect, it } from 'vitest';
import { evenKeystrokes, keystrokes, logOf } from './testing.ts';
import { typingFeatures } from './typing-features.ts';

describe('typingFeatures', () => {
  it('keys at a fixed 200 ms with 80 ms dwell: exact delays, dwell, one burst, 66.7 WPM', () => {
    const f = typingFeatures(logOf(0, evenKeystrokes(1_000, 10, 200, 80)));
    expect(f).toEqual({
      inter_key_delay_mean: 200,
      inter_key_delay_std: 0,
      inter_key_delay_p95: 200,
      dwell_time_mean: 80,
      dwell_time_std: 0,
      error_rate: 0,
      backspace_frequency: 0,
      typing_burst_count: 1,
      typing_burst_duration_mean: 1_800,
      // 10 characters = 2 words in 1.8 s
      words_per_minute: 2 / (1_800 / 60_000),
    });
  });

  it('uneven delays and dwells: population std and the interpolated 95th percentile', () => {
    const f = typingFeatures(
      logOf(
        0,
        keystrokes({ at: 0, gapsMs: [100, 200, 300, 400], dwellMs: [50, 70, 90, 110, 130] }),
      ),
    );
    expect(f.inter_key_delay_mean).toBe(250);
    expect(f.inter_key_delay_std).toBeCloseTo(Math.sqrt(12_500), 9);
    // sorted [100, 200, 300, 400]: rank 3 × 0.95 = 2.85 → 300 + 0.85 × 100
    expect(f.inter_key_delay_p95).toBeCloseTo(385, 9);
    expect(f.dwell_time_mean).toBe(90);
    expect(f.dwell_time_std).toBeCloseTo(Math.sqrt(800), 9);
  });

  it('counts Backspace/Delete as errors over typing keys; other keys only as timing', () => {
    const f = typingFeatures(
      logOf(
        0,
        keystrokes({
          at: 0,
          gapsMs: [150, 150, 150, 150, 150],
          dwellMs: 90,
          kinds: ['other', 'char', 'char', 'erase', 'char', 'erase'],
        }),
      ),
    );
    expect(f.backspace_frequency).toBe(2);
    expect(f.error_rate).toBe(2 / 5); // Shift (other) is neither a typed character nor an error
    expect(f.inter_key_delay_mean).toBe(150);
    expect(f.words_per_minute).toBeCloseTo(3 / 5 / (750 / 60_000), 9);
  });

  it('splits bursts at pauses of a second or more and leaves pauses out of the delays', () => {
    const log = logOf(
      0,
      evenKeystrokes(0, 5, 200, 80), // 0…800
      keystrokes({ at: 2_300, gapsMs: [100, 100], dwellMs: 80, firstPress: 10 }), // 1.5 s pause
      keystrokes({ at: 3_500, gapsMs: [], dwellMs: 80, firstPress: 20 }), // exactly 1 s: a new burst of one
    );
    const f = typingFeatures(log);
    expect(f.typing_burst_count).toBe(2); // a lone key is not a burst
    expect(f.typing_burst_duration_mean).toBe((800 + 200) / 2);
    expect(f.inter_key_delay_mean).toBeCloseTo((4 * 200 + 2 * 100) / 6, 9);
    expect(f.words_per_minute).toBeCloseTo(8 / 5 / (1_000 / 60_000), 9);
  });

  it('a keydown without its keyup has no dwell; nothing typed gives zeros', () => {
    const f = typingFeatures(logOf(0, [{ type: 'keydown', t: 5, press: 1, kind: 'char' }]));
    expect(f.dwell_time_mean).toBe(0);
    expect(Object.values(typingFeatures(logOf(0))).every((v) => v === 0)).toBe(true);
  });

  it('tells a bot (constant 10 ms) from a human', () => {
    const bot = typingFeatures(logOf(0, evenKeystrokes(0, 30, 10, 5)));
    const human = typingFeatures(
      logOf(
        0,
        keystrokes({
          at: 0,
          gapsMs: [160, 230, 180, 310, 140, 205, 190, 260, 175, 220, 150, 285],
          dwellMs: [90, 110, 85, 100, 95, 120, 80, 105, 92, 99, 101, 88, 97],
        }),
      ),
    );
    expect(bot.inter_key_delay_std).toBe(0);
    expect(bot.dwell_time_std).toBe(0);
    expect(bot.words_per_minute).toBeCloseTo(6 / (290 / 60_000), 6); // ≈ 1241
    expect(human.inter_key_delay_std).toBeGreaterThan(40);
    expect(human.words_per_minute).toBeGreaterThan(40);
    expect(human.words_per_minute).toBeLessThan(80);
  });
});

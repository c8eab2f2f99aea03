import { describe, expect, it } from 'vitest';
import { mouseFeatures } from './mouse-features.ts';
import { pointerActivity } from './pointer-contacts.ts';
import { contact, hover, line, logOf } from './testing.ts';
import type { EventLog } from './event-log.ts';

const mouse = (log: EventLog) => mouseFeatures(log, pointerActivity(log));

describe('mouseFeatures', () => {
  it('a straight, even movement: entropy 0 and speed CV 0', () => {
    const f = mouse(logOf(0, hover(0, line([0, 0], [200, 100], 20), 16)));
    expect(f.mouse_movement_entropy).toBe(0);
    expect(f.mouse_speed_cv).toBeCloseTo(0, 12);
    expect(f.scroll_wheel_event_count).toBe(0);
  });

  it('a staircase turns +90° and −90° alternately: two equal sectors of eight, entropy 1/3', () => {
    const stairs: [number, number][] = [];
    for (let i = 0; i <= 11; i++) {
      // 11 segments, 10 turns: five left, five right
      stairs.push([Math.ceil(i / 2) * 10, Math.floor(i / 2) * 10]);
    }
    const f = mouse(logOf(0, hover(0, stairs, 16)));
    expect(f.mouse_movement_entropy).toBeCloseTo(1 / 3, 12);
  });

  it('segments of 1 and 3 px/ms alternately: speed CV = 1000 / 2000 = 0.5', () => {
    const xs = [0, 10, 40, 50, 80, 90, 120];
    const f = mouse(
      logOf(
        0,
        hover(
          0,
          xs.map((x) => [x, 0] as [number, number]),
          10,
        ),
      ),
    );
    expect(f.mouse_speed_cv).toBeCloseTo(0.5, 12);
  });

  it('a pause over 250 ms splits movements; drags and wheel turns count apart', () => {
    const log = logOf(
      0,
      hover(0, line([0, 0], [100, 0], 10), 10), // 10 px/10 ms
      hover(2_000, line([100, 0], [100, 300], 10), 10), // 30 px/10 ms, straight down
      contact({ at: 5_000, points: line([0, 0], [0, 500], 5), stepMs: 10, pointerType: 'mouse' }),
      [
        { type: 'wheel', t: 6_000 },
        { type: 'wheel', t: 6_010 },
      ],
    );
    const f = mouse(log);
    // The corner between the two movements is not a turn: entropy stays 0.
    expect(f.mouse_movement_entropy).toBe(0);
    expect(f.mouse_speed_cv).toBeCloseTo(0.5, 12); // speeds 1 and 3 px/ms, ten each
    expect(f.scroll_wheel_event_count).toBe(2);
  });
});

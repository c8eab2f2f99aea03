import { describe, expect, it } from 'vitest';
import { navigationFeatures } from './navigation-features.ts';
import { DEFAULT_SCREEN_ROLES } from './screen-roles.ts';
import { logOf, screens } from './testing.ts';
import type { EventLog, LoggedEvent } from './event-log.ts';

const nav = (log: EventLog, end: number) => navigationFeatures(log, DEFAULT_SCREEN_ROLES, end);
const focus = (t: number, field: number): LoggedEvent => ({ type: 'focus', t, field });

describe('navigationFeatures', () => {
  it('A → B → transfer: three screens deep, not direct, B is exploring', () => {
    const f = nav(logOf(0, screens(['A', 0], ['B', 1_000], ['transfer', 3_000])), 10_000);
    expect(f).toEqual({
      screens_visited_count: 3,
      navigation_depth_max: 3,
      back_navigation_count: 0,
      time_on_dashboard_ms: 0,
      time_on_transfer_ms: 7_000,
      direct_to_transfer: 0,
      form_field_order_entropy: 0,
      session_revisit_count: 0,
      // the first screen, dashboard, transfer and OTP are the task; B is not
      exploratory_ratio: 1 / 3,
    });
  });

  it('dashboard → transfer is direct; repeating the screen showing is not a visit', () => {
    const f = nav(
      logOf(
        0,
        screens(['dashboard', 0], ['dashboard', 500], ['transfer', 2_000], ['transfer', 2_100]),
      ),
      5_000,
    );
    expect(f.direct_to_transfer).toBe(1);
    expect(f.time_on_dashboard_ms).toBe(2_000);
    expect(f.time_on_transfer_ms).toBe(3_000);
    expect(f.screens_visited_count).toBe(2);
    expect(f.exploratory_ratio).toBe(0);
  });

  it('a stack: going back pops, going forward to a seen screen is a revisit', () => {
    const f = nav(
      logOf(
        0,
        screens(
          ['login', 0],
          ['dashboard', 1_000],
          ['accounts', 2_000],
          ['dashboard', 3_000], // back: pops accounts
          ['transfer', 4_000],
          ['accounts', 5_000], // forward to a screen seen before
        ),
      ),
      6_000,
    );
    expect(f.screens_visited_count).toBe(4);
    expect(f.navigation_depth_max).toBe(4); // login, dashboard, transfer, accounts
    expect(f.back_navigation_count).toBe(1);
    expect(f.session_revisit_count).toBe(1);
    expect(f.time_on_dashboard_ms).toBe(2_000);
    expect(f.direct_to_transfer).toBe(0);
    expect(f.exploratory_ratio).toBe(2 / 6);
  });

  it.each([
    ['top to bottom', [0, 1, 2, 3], 0],
    // steps +2, −1, +2: H = 0.918 bits of log2(3) possible
    [
      'out of order',
      [0, 2, 1, 3],
      (-(2 / 3) * Math.log2(2 / 3) - (1 / 3) * Math.log2(1 / 3)) / Math.log2(3),
    ],
    ['every step different', [0, 1, 3, 0], 1],
  ])('form field order entropy, %s', (_name, fields, expected) => {
    const f = nav(
      logOf(
        0,
        fields.map((field, i) => focus(i * 1_000, field)),
      ),
      10_000,
    );
    expect(f.form_field_order_entropy).toBeCloseTo(expected, 12);
  });

  it('no screens and no fields: all zeros', () => {
    expect(Object.values(nav(logOf(0), 1_000)).every((v) => v === 0)).toBe(true);
  });
});

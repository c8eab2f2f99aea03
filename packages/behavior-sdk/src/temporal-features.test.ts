import { describe, expect, it } from 'vitest';
import { DEFAULT_SCREEN_ROLES } from './screen-roles.ts';
import { temporalFeatures } from './temporal-features.ts';
import { contact, evenKeystrokes, logOf, screens } from './testing.ts';
import type { LoggedEvent } from './event-log.ts';
import type { BankContext } from './session-context.ts';

const BROWSER = { localHour: 19 };
const press = (t: number, pointer = 1) =>
  contact({
    at: t,
    points: [
      [5, 5],
      [5, 5],
    ],
    stepMs: 50,
    pointerType: 'mouse',
    pointer,
  });
const submit = (t: number): LoggedEvent => ({ type: 'submit', t });
const focus = (t: number, field: number): LoggedEvent => ({ type: 'focus', t, field });

describe('temporalFeatures', () => {
  it('duration from start to end; its z-score against the bank’s usual; the local hour', () => {
    const bank: BankContext = { usualSessionMs: { mean: 50_000, std: 5_000 } };
    const f = temporalFeatures(logOf(1_000), 61_000, DEFAULT_SCREEN_ROLES, bank, BROWSER);
    expect(f.session_duration_ms).toBe(60_000);
    expect(f.session_duration_z_score).toBe(2);
    expect(f.time_of_day_hour).toBe(19);
    const alone = temporalFeatures(logOf(1_000), 61_000, DEFAULT_SCREEN_ROLES, {}, BROWSER);
    expect(alone.session_duration_z_score).toBe(0);
  });

  it('OTP time runs from the OTP screen to the next submit', () => {
    const log = logOf(0, screens(['transfer', 1_000], ['otp', 5_000]), [
      submit(3_000),
      submit(13_500),
    ]);
    expect(
      temporalFeatures(log, 20_000, DEFAULT_SCREEN_ROLES, {}, BROWSER).time_to_submit_otp_ms,
    ).toBe(8_500);
    const noOtp = logOf(0, screens(['transfer', 1_000]), [submit(3_000)]);
    expect(
      temporalFeatures(noOtp, 20_000, DEFAULT_SCREEN_ROLES, {}, BROWSER).time_to_submit_otp_ms,
    ).toBe(0);
  });

  it('click speed: intervals between presses under 2 s', () => {
    const log = logOf(0, press(0), press(300), press(700), press(5_000), press(5_400));
    const f = temporalFeatures(log, 10_000, DEFAULT_SCREEN_ROLES, {}, BROWSER);
    expect(f.click_speed_mean).toBeCloseTo(1_100 / 3, 9); // 300, 400, 400; 4300 is a pause
    expect(f.click_speed_std).toBeCloseTo(Math.sqrt(((200 / 3) ** 2 + 2 * (100 / 3) ** 2) / 3), 9);
  });

  it('form submit speed: first field focused since the last submit, to the submit, averaged', () => {
    const log = logOf(0, [
      focus(2_000, 0),
      focus(3_000, 1),
      submit(10_000),
      focus(12_000, 0),
      submit(20_000),
    ]);
    expect(
      temporalFeatures(log, 30_000, DEFAULT_SCREEN_ROLES, {}, BROWSER).form_submit_speed_ms,
    ).toBe(8_000);
  });

  it('pace ratio: actions in the quieter half over the busier half', () => {
    const even = logOf(
      0,
      press(1_000),
      press(2_000),
      press(6_000),
      press(7_000),
      press(8_000),
      press(9_000),
    );
    expect(
      temporalFeatures(even, 10_000, DEFAULT_SCREEN_ROLES, {}, BROWSER).interaction_pace_ratio,
    ).toBe(0.5);
    // a bot idles, then fires everything at once at the end
    const bot = logOf(0, evenKeystrokes(9_000, 20, 10, 5));
    expect(
      temporalFeatures(bot, 10_000, DEFAULT_SCREEN_ROLES, {}, BROWSER).interaction_pace_ratio,
    ).toBe(0);
  });
});

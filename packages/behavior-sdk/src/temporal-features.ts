import { eventsOf, type EventLog } from './event-log.ts';
import { screenVisits } from './navigation-features.ts';
import type { ScreenRoles } from './screen-roles.ts';
import type { BankContext, BrowserContext } from './session-context.ts';
import { mean, standardDeviation } from './statistics.ts';

/** Presses further apart than this are separate actions, not clicking speed (reading in between). */
export const CLICK_GAP_MS = 2_000;

export interface TemporalFeatures {
  readonly session_duration_ms: number;
  readonly session_duration_z_score: number;
  readonly time_of_day_hour: number;
  readonly time_to_submit_otp_ms: number;
  readonly click_speed_mean: number;
  readonly click_speed_std: number;
  readonly form_submit_speed_ms: number;
  readonly interaction_pace_ratio: number;
}

/**
 * SHIELD's temporal group. Duration runs from the collector's start to the snapshot; its z-score
 * needs the customer's usual duration from the bank (0 without it). Click speed is the interval
 * between consecutive presses (any pointer) closer than `CLICK_GAP_MS`. OTP time runs from the
 * first OTP screen to the next submit; form submit speed from the first field focused after the
 * previous submit (or the start) to a submit, averaged over submits. Pace ratio compares the
 * number of actions (keydowns, presses, focuses, wheel turns) in the two halves of the session,
 * smaller over larger: 1 for an even pace, near 0 when everything happens at once. 0 when unseen.
 */
export function temporalFeatures(
  log: EventLog,
  end: number,
  roles: ScreenRoles,
  bank: BankContext,
  browser: BrowserContext,
): TemporalFeatures {
  const duration = end - log.start;
  const usual = bank.usualSessionMs;

  const downs = eventsOf(log, 'pointerdown').map((e) => e.t);
  const clickGaps = downs
    .slice(1)
    .map((t, i) => t - (downs[i] as number))
    .filter((gap) => gap < CLICK_GAP_MS);

  const submits = eventsOf(log, 'submit').map((s) => s.t);
  const otpAt = screenVisits(log).find((v) => v.name === roles.otp)?.t;
  const otpSubmit = otpAt === undefined ? undefined : submits.find((t) => t >= otpAt);

  const focuses = eventsOf(log, 'focus').map((f) => f.t);
  const formTimes: number[] = [];
  let since = log.start;
  for (const submit of submits) {
    const first = focuses.find((t) => t >= since && t <= submit);
    if (first !== undefined) {
      formTimes.push(submit - first);
    }
    since = submit;
  }

  const mid = log.start + duration / 2;
  const actions = eventsOf(log, 'keydown', 'pointerdown', 'focus', 'wheel').map((e) => e.t);
  const early = actions.filter((t) => t < mid).length;
  const late = actions.length - early;

  return {
    session_duration_ms: duration,
    session_duration_z_score:
      usual === undefined || usual.std === 0 ? 0 : (duration - usual.mean) / usual.std,
    time_of_day_hour: browser.localHour,
    time_to_submit_otp_ms: otpAt === undefined || otpSubmit === undefined ? 0 : otpSubmit - otpAt,
    click_speed_mean: mean(clickGaps),
    click_speed_std: standardDeviation(clickGaps),
    form_submit_speed_ms: mean(formTimes),
    interaction_pace_ratio:
      Math.max(early, late) === 0 ? 0 : Math.min(early, late) / Math.max(early, late),
  };
}

type Phrases = readonly [above: string, below: string];

// Phrase builders: "<subject> much <more> than usual", "many more/far fewer <things> than usual",
// and flags that read "<a>, unlike usual".
const much = (subject: string, more: string, less: string): Phrases => [
  `${subject} much ${more} than usual`,
  `${subject} much ${less} than usual`,
];
const count = (things: string): Phrases => [
  `many more ${things} than usual`,
  `far fewer ${things} than usual`,
];
const flag = (set: string, unset: string): Phrases => [
  `${set}, unlike usual`,
  `${unset}, unlike usual`,
];

// How an unusual value of each SHIELD feature reads, above and below the user's usual.
const PHRASES: Readonly<Record<string, Phrases>> = {
  tap_pressure_mean: much('pressing', 'harder', 'more lightly'),
  tap_pressure_std: much('tap pressure', 'more uneven', 'more even'),
  swipe_velocity_mean: much('swiping', 'faster', 'slower'),
  swipe_velocity_std: much('swipe speed', 'more uneven', 'more even'),
  gesture_curvature_mean: much('gestures', 'more curved', 'straighter'),
  pinch_zoom_accel_mean: much('pinch-zooming', 'faster', 'slower'),
  tap_duration_mean: much('taps', 'longer', 'shorter'),
  tap_duration_std: much('tap length', 'more uneven', 'more even'),
  inter_key_delay_mean: much('typing', 'slower', 'faster'),
  inter_key_delay_std: much('typing rhythm', 'more irregular', 'more regular'),
  inter_key_delay_p95: much('longest pauses between keys', 'longer', 'shorter'),
  dwell_time_mean: much('keys held', 'longer', 'more briefly'),
  dwell_time_std: much('key hold time', 'more uneven', 'more even'),
  error_rate: count('typing errors'),
  backspace_frequency: count('backspaces'),
  typing_burst_count: count('typing bursts'),
  typing_burst_duration_mean: much('typing bursts', 'longer', 'shorter'),
  words_per_minute: much('typing', 'more words per minute', 'fewer words per minute'),
  accel_x_std: much('sideways movement', 'stronger', 'weaker'),
  accel_y_std: much('up-and-down movement', 'stronger', 'weaker'),
  accel_z_std: much('back-and-forth movement', 'stronger', 'weaker'),
  gyro_x_std: much('pitching of the phone', 'stronger', 'weaker'),
  gyro_y_std: much('rolling of the phone', 'stronger', 'weaker'),
  gyro_z_std: much('turning of the phone', 'stronger', 'weaker'),
  device_tilt_mean: much('phone tilted', 'more', 'less'),
  hand_stability_score: much('hands', 'steadier', 'shakier'),
  screens_visited_count: count('screens visited'),
  navigation_depth_max: much('navigating', 'deeper', 'shallower'),
  back_navigation_count: much('going back', 'more', 'less'),
  time_on_dashboard_ms: much('time on the dashboard', 'longer', 'shorter'),
  time_on_transfer_ms: much('time on the transfer screen', 'longer', 'shorter'),
  direct_to_transfer: flag('straight to the transfer screen', 'browsing before the transfer'),
  form_field_order_entropy: much('form field order', 'less predictable', 'more predictable'),
  session_revisit_count: much('revisiting screens', 'more', 'less'),
  exploratory_ratio: much('exploring the app', 'more', 'less'),
  session_duration_ms: much('session', 'longer', 'shorter'),
  session_duration_z_score: much('session length score', 'higher', 'lower'),
  time_of_day_hour: much('time of day', 'later', 'earlier'),
  time_to_submit_otp_ms: much('one-time code entered', 'more slowly', 'faster'),
  click_speed_mean: much('clicking', 'more slowly', 'faster'),
  click_speed_std: much('click timing', 'more uneven', 'more even'),
  form_submit_speed_ms: much('form submitted', 'more slowly', 'faster'),
  interaction_pace_ratio: much('interaction pace', 'higher', 'lower'),
  is_new_device: flag('a new device', 'a known device'),
  device_fingerprint_delta: much('device fingerprint', 'further off', 'closer'),
  timezone_changed: flag('time zone changed', 'time zone unchanged'),
  os_version_changed: flag('OS version changed', 'OS version unchanged'),
  device_class_known: flag('a known device class', 'an unknown device class'),
  device_session_count: count('sessions on this device'),
  device_class_switch: flag(
    'device class switched (e.g. phone to laptop)',
    'no device class switch',
  ),
  is_known_fingerprint: flag('a known device fingerprint', 'an unknown device fingerprint'),
  time_since_last_seen_hours: much('time since last seen', 'longer', 'shorter'),
  mouse_movement_entropy: much('mouse movement', 'more erratic', 'more regular'),
  mouse_speed_cv: much('mouse speed', 'more uneven', 'more even'),
  scroll_wheel_event_count: much('scroll-wheel use', 'heavier', 'lighter'),
};

/**
 * One anomaly as text, e.g. "typing much slower than usual (z = 3.4)". A feature that never varied
 * in training says so: its z is in raw units (scale 1) and may be small. No raw values: the text
 * travels in reasons. Features outside SHIELD's schema (CSV columns) read "<name> much higher…".
 */
export function describeAnomaly(name: string, z: number, constantInTraining = false): string {
  const [above, below] = PHRASES[name] ?? much(name, 'higher', 'lower');
  const phrase = z >= 0 ? above : below;
  return `${phrase} (z = ${z.toFixed(1)}${constantInTraining ? ', never varied before' : ''})`;
}

/**
 * The behavioural feature schema: SHIELD's 55 features, named and in SHIELD's canonical order
 * (SPEC §6). Names, order, groups and categorical flags follow the SHIELD reference
 * `reference/shield/features.json` (format shield-features/v1, from Atharva-Mendhulkar/SHIELD
 * backend/ml/feature_schema.py at commit 6b2daa6). A change of names or order is a new version:
 * baselines fitted under another version are not used to score.
 */
export const BEHAVIOR_SCHEMA_VERSION = 'sentinel-55/1';

/** SPEC §6's eight groups with their sizes. `device` is SPEC's "device context". */
export const FEATURE_GROUPS = {
  touch: 8,
  typing: 10,
  motion: 8,
  navigation: 9,
  temporal: 8,
  device: 4,
  device_trust: 5,
  mouse: 3,
} as const;
export type FeatureGroup = keyof typeof FEATURE_GROUPS;

export interface BehaviorFeature {
  readonly name: string;
  readonly group: FeatureGroup;
  /** A 0/1 flag upstream (still scored as a number; constant in most users' training data). */
  readonly categorical: boolean;
}

const group = (g: FeatureGroup, names: readonly string[], categorical: readonly string[] = []) =>
  names.map((name): BehaviorFeature => ({
    name,
    group: g,
    categorical: categorical.includes(name),
  }));

/** The 55 features in vector order. */
export const BEHAVIOR_FEATURES: readonly BehaviorFeature[] = [
  ...group('touch', [
    'tap_pressure_mean',
    'tap_pressure_std',
    'swipe_velocity_mean',
    'swipe_velocity_std',
    'gesture_curvature_mean',
    'pinch_zoom_accel_mean',
    'tap_duration_mean',
    'tap_duration_std',
  ]),
  ...group('typing', [
    'inter_key_delay_mean',
    'inter_key_delay_std',
    'inter_key_delay_p95',
    'dwell_time_mean',
    'dwell_time_std',
    'error_rate',
    'backspace_frequency',
    'typing_burst_count',
    'typing_burst_duration_mean',
    'words_per_minute',
  ]),
  ...group('motion', [
    'accel_x_std',
    'accel_y_std',
    'accel_z_std',
    'gyro_x_std',
    'gyro_y_std',
    'gyro_z_std',
    'device_tilt_mean',
    'hand_stability_score',
  ]),
  ...group(
    'navigation',
    [
      'screens_visited_count',
      'navigation_depth_max',
      'back_navigation_count',
      'time_on_dashboard_ms',
      'time_on_transfer_ms',
      'direct_to_transfer',
      'form_field_order_entropy',
      'session_revisit_count',
      'exploratory_ratio',
    ],
    ['direct_to_transfer'],
  ),
  ...group('temporal', [
    'session_duration_ms',
    'session_duration_z_score',
    'time_of_day_hour',
    'time_to_submit_otp_ms',
    'click_speed_mean',
    'click_speed_std',
    'form_submit_speed_ms',
    'interaction_pace_ratio',
  ]),
  ...group(
    'device',
    ['is_new_device', 'device_fingerprint_delta', 'timezone_changed', 'os_version_changed'],
    ['is_new_device', 'timezone_changed', 'os_version_changed'],
  ),
  ...group(
    'device_trust',
    [
      'device_class_known',
      'device_session_count',
      'device_class_switch',
      'is_known_fingerprint',
      'time_since_last_seen_hours',
    ],
    ['device_class_known', 'device_class_switch', 'is_known_fingerprint'],
  ),
  ...group('mouse', ['mouse_movement_entropy', 'mouse_speed_cv', 'scroll_wheel_event_count']),
];

/** The feature names in vector order. */
export const BEHAVIOR_FEATURE_NAMES: readonly string[] = BEHAVIOR_FEATURES.map((f) => f.name);

/** What a baseline was fitted against: a version and the feature names in vector order. */
export interface FeatureSchema {
  readonly version: string;
  readonly features: readonly string[];
}

/** SHIELD's 55-feature schema (the default everywhere). */
export const BEHAVIOR_SCHEMA: FeatureSchema = {
  version: BEHAVIOR_SCHEMA_VERSION,
  features: BEHAVIOR_FEATURE_NAMES,
};

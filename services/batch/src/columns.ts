/**
 * The columns of an activity file: one row per subscriber, a day's snapshot of the line as the
 * operator (or the bank) extracts it. Names are snake_case, matched case-insensitively after
 * trimming; the order is free. A required column must be present in the header; an optional one
 * may be absent from the header or empty in a row (empty = not measured, never zero).
 *
 * Each column says what rule reads it, so `docs/batch.md` and the unknown-column message can be
 * generated from this one list.
 */
export interface ColumnSpec {
  readonly name: string;
  readonly required: boolean;
  readonly type: 'text' | 'msisdn' | 'timestamp' | 'count' | 'number' | 'boolean' | 'country';
  /** Unit or format, in words. */
  readonly unit: string;
  readonly example: string;
  readonly description: string;
}

export const COLUMNS = [
  {
    name: 'subscriber_id',
    required: true,
    type: 'text',
    unit: '1–128 characters',
    example: 'SUB-000042',
    description: "The operator's or the bank's id of the subscriber; results.csv is keyed by it.",
  },
  {
    name: 'msisdn',
    required: true,
    type: 'msisdn',
    unit: 'E.164',
    example: '+27821234567',
    description: 'The line (phone number) the row describes.',
  },
  {
    name: 'as_of',
    required: true,
    type: 'timestamp',
    unit: 'date-time, UTC unless an offset is given',
    example: '2026-12-05T18:00:00Z',
    description:
      'When the snapshot was taken: every "last 24 h" count ends here, and ages are measured from it.',
  },
  {
    name: 'last_sim_change_at',
    required: false,
    type: 'timestamp',
    unit: 'date-time',
    example: '2026-12-05T09:30:00Z',
    description: 'The latest SIM change (swap) of the line; empty = none known. Recent SIM change.',
  },
  {
    name: 'device_id',
    required: false,
    type: 'text',
    unit: '1–128 characters',
    example: 'dev-7f3a',
    description:
      'The handset (IMEI or device fingerprint) the line is in now; empty = not measured (no device change is claimed).',
  },
  {
    name: 'device_first_seen_at',
    required: false,
    type: 'timestamp',
    unit: 'date-time',
    example: '2026-12-05T11:00:00Z',
    description:
      'When this handset was first seen with the line; empty = long known. Device change after SIM change.',
  },
  {
    name: 'lat',
    required: false,
    type: 'number',
    unit: 'degrees, −90…90',
    example: '-26.2041',
    description: 'Where the line is now (serving cell or GPS).',
  },
  {
    name: 'lon',
    required: false,
    type: 'number',
    unit: 'degrees, −180…180',
    example: '28.0473',
    description: 'Where the line is now.',
  },
  {
    name: 'previous_lat',
    required: false,
    type: 'number',
    unit: 'degrees',
    example: '-33.9249',
    description: 'The last location before this one. Location change.',
  },
  {
    name: 'previous_lon',
    required: false,
    type: 'number',
    unit: 'degrees',
    example: '18.4241',
    description: 'The last location before this one.',
  },
  {
    name: 'previous_location_at',
    required: false,
    type: 'timestamp',
    unit: 'date-time',
    example: '2026-12-05T08:00:00Z',
    description: 'When the previous location was seen.',
  },
  {
    name: 'failed_logins_24h',
    required: false,
    type: 'count',
    unit: 'count, last 24 h',
    example: '4',
    description: 'Failed logins to the bank or the operator portal. Failed logins.',
  },
  {
    name: 'cell_tower_changes_24h',
    required: false,
    type: 'count',
    unit: 'count, last 24 h',
    example: '31',
    description: 'Serving cell changes. Abnormal cell tower changes.',
  },
  {
    name: 'usual_cell_tower_changes_per_day',
    required: false,
    type: 'number',
    unit: 'per day',
    example: '6',
    description: "The subscriber's own baseline.",
  },
  {
    name: 'data_mb_24h',
    required: false,
    type: 'number',
    unit: 'MB, last 24 h',
    example: '2400',
    description: 'Mobile data used. Abnormal data usage.',
  },
  {
    name: 'usual_data_mb_per_day',
    required: false,
    type: 'number',
    unit: 'MB per day',
    example: '350',
    description: "The subscriber's own baseline.",
  },
  {
    name: 'calls_24h',
    required: false,
    type: 'count',
    unit: 'count, last 24 h',
    example: '3',
    description: 'Voice calls made and received. Abnormal call pattern.',
  },
  {
    name: 'usual_calls_per_day',
    required: false,
    type: 'number',
    unit: 'per day',
    example: '12',
    description: "The subscriber's own baseline.",
  },
  {
    name: 'sms_24h',
    required: false,
    type: 'count',
    unit: 'count, last 24 h',
    example: '85',
    description: 'SMS sent and received. Abnormal SMS pattern.',
  },
  {
    name: 'usual_sms_per_day',
    required: false,
    type: 'number',
    unit: 'per day',
    example: '4',
    description: "The subscriber's own baseline.",
  },
  {
    name: 'roaming',
    required: false,
    type: 'boolean',
    unit: 'true/false, yes/no, 1/0, y/n',
    example: 'true',
    description: 'The line roams now. Roaming after SIM change.',
  },
  {
    name: 'roaming_country',
    required: false,
    type: 'country',
    unit: 'ISO 3166-1 alpha-2',
    example: 'MZ',
    description: 'Where it roams.',
  },
  {
    name: 'label',
    required: false,
    type: 'text',
    unit: '`legitimate` or a scenario id',
    example: 'legitimate',
    description:
      'Ground truth for backtesting (npm run generate writes it); when present, batch prints detection metrics.',
  },
] as const satisfies readonly ColumnSpec[];

export type ColumnName = (typeof COLUMNS)[number]['name'];

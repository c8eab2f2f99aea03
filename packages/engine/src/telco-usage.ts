import { z } from 'zod';
import type { PaymentRequest } from './payment.ts';

const Count = z.number().int().min(0).max(1_000_000);
const PerDay = z.number().min(0).max(1_000_000);
const Megabytes = z.number().min(0).max(10_000_000); // 10 TB a day: beyond any handset

/**
 * The keys of `payment.telcoUsage` the usage rules read, with their units. Other keys are allowed
 * and ignored (a caller may send more than the rules use). The window of every count is the last
 * 24 h; each `usual…PerDay` is the subscriber's own baseline, as the operator or the file states it.
 */
const TelcoUsageSchema = z.object({
  /** Cell tower (serving cell) changes in the last 24 h. */
  cellTowerChanges24h: Count.exactOptional(),
  /** The subscriber's usual cell tower changes per day. */
  usualCellTowerChangesPerDay: PerDay.exactOptional(),
  /** Mobile data used in the last 24 h, in megabytes. */
  dataMb24h: Megabytes.exactOptional(),
  /** The subscriber's usual mobile data per day, in megabytes. */
  usualDataMbPerDay: Megabytes.exactOptional(),
  /** Voice calls (made and received) in the last 24 h. */
  calls24h: Count.exactOptional(),
  /** The subscriber's usual calls per day. */
  usualCallsPerDay: PerDay.exactOptional(),
  /** SMS (sent and received) in the last 24 h. */
  sms24h: Count.exactOptional(),
  /** The subscriber's usual SMS per day. */
  usualSmsPerDay: PerDay.exactOptional(),
  /** The line is roaming now. */
  roaming: z.boolean().exactOptional(),
  /** Where it roams: ISO 3166-1 alpha-2 (e.g. `MZ`). */
  roamingCountry: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as MZ')
    .exactOptional(),
}) satisfies z.ZodType<TelcoUsage>; // z.object drops the keys it does not name

/** The usage snapshot the usage rules read: every field optional (absent means not measured). */
export interface TelcoUsage {
  readonly cellTowerChanges24h?: number;
  readonly usualCellTowerChangesPerDay?: number;
  readonly dataMb24h?: number;
  readonly usualDataMbPerDay?: number;
  readonly calls24h?: number;
  readonly usualCallsPerDay?: number;
  readonly sms24h?: number;
  readonly usualSmsPerDay?: number;
  readonly roaming?: boolean;
  readonly roamingCountry?: string;
}

/** The numeric fields of `TelcoUsage` (a measurement or a baseline). */
export type TelcoUsageMeasure = {
  readonly [K in keyof TelcoUsage]-?: NonNullable<TelcoUsage[K]> extends number ? K : never;
}[keyof TelcoUsage];

/** One problem with a usage snapshot: the key and what is wrong with it. */
export interface TelcoUsageIssue {
  readonly field: string;
  readonly message: string;
}

export type TelcoUsageResult =
  | { readonly ok: true; readonly value: TelcoUsage; readonly issues?: never }
  | { readonly ok: false; readonly issues: readonly TelcoUsageIssue[]; readonly value?: never };

/**
 * Reads the typed usage fields out of a raw `telcoUsage` record (any input; never throws). Absent
 * fields stay absent; a present field of the wrong type or range is an issue, listed with its key.
 */
export function parseTelcoUsage(raw: unknown): TelcoUsageResult {
  const fast = readWellFormed(raw ?? {});
  return fast === null ? parseTelcoUsageBySchema(raw) : { ok: true, value: fast };
}

/** `parseTelcoUsage` by the schema alone: the reference its fast path is tested against. */
export function parseTelcoUsageBySchema(raw: unknown): TelcoUsageResult {
  const parsed = TelcoUsageSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => ({
        field: issue.path.map(String).join('.'),
        message: issue.message,
      })),
    };
  }
  return { ok: true, value: parsed.data };
}

// The schema's bounds, for the fast path below (the schema stays the one source of its messages).
const FAST_BOUNDS: Readonly<Record<TelcoUsageMeasure, { max: number; integer: boolean }>> = {
  cellTowerChanges24h: { max: 1_000_000, integer: true },
  usualCellTowerChangesPerDay: { max: 1_000_000, integer: false },
  dataMb24h: { max: 10_000_000, integer: false },
  usualDataMbPerDay: { max: 10_000_000, integer: false },
  calls24h: { max: 1_000_000, integer: true },
  usualCallsPerDay: { max: 1_000_000, integer: false },
  sms24h: { max: 1_000_000, integer: true },
  usualSmsPerDay: { max: 1_000_000, integer: false },
};
const MEASURES = Object.keys(FAST_BOUNDS) as TelcoUsageMeasure[];
const COUNTRY = /^[A-Z]{2}$/;

/**
 * The typed fields of a snapshot whose every typed field is well formed, without the schema's
 * allocations (it runs once per payment and per batch row); null when anything is off, and the
 * schema then names the problem. Same acceptance as `TelcoUsageSchema`, checked by a property test.
 */
function readWellFormed(raw: unknown): TelcoUsage | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return null;
  }
  const record = raw as Record<string, unknown>;
  const out: Record<string, number | boolean | string> = {};
  for (const key of MEASURES) {
    if (!(key in record)) {
      continue;
    }
    const value = record[key];
    const bounds = FAST_BOUNDS[key];
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      value < 0 ||
      value > bounds.max ||
      (bounds.integer && !Number.isInteger(value))
    ) {
      return null;
    }
    out[key] = value;
  }
  if ('roaming' in record) {
    if (typeof record['roaming'] !== 'boolean') {
      return null;
    }
    out['roaming'] = record['roaming'];
  }
  if ('roamingCountry' in record) {
    const country = record['roamingCountry'];
    if (typeof country !== 'string' || !COUNTRY.test(country)) {
      return null;
    }
    out['roamingCountry'] = country;
  }
  return out;
}

const PARSED = new WeakMap<object, TelcoUsage | null>();
const NONE: TelcoUsage = {};

/**
 * The payment's usage snapshot, parsed once per payment however many rules ask; null when it is
 * ill-formed (the usage rules then stay silent: a snapshot we cannot read proves nothing).
 */
export function telcoUsageOf(payment: PaymentRequest): TelcoUsage | null {
  const raw = payment.telcoUsage;
  if (raw === undefined) {
    return NONE;
  }
  const cached = PARSED.get(raw);
  if (cached !== undefined) {
    return cached;
  }
  const result = parseTelcoUsage(raw);
  const usage = result.ok ? result.value : null;
  PARSED.set(raw, usage);
  return usage;
}

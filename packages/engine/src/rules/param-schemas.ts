import { z } from 'zod';

/** A rule weight: an integer score contribution, 0–100 (the score is their capped sum). */
export const WeightSchema = z.number().int().min(0).max(100);

/** A positive duration in hours (at most a year). */
export const HoursSchema = z.number().positive().max(8760);

/** A positive duration in minutes (at most a day). */
export const MinutesSchema = z.number().positive().max(1440);

/** A count threshold (≥ 1). */
export const CountSchema = z.number().int().min(1).max(10_000);

/** Amount thresholds per ISO 4217 currency, in integer minor units. */
export const AmountPerCurrencySchema = z.record(
  z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as ZAR'),
  z.number().int().positive(),
);

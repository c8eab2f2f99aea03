import { z } from 'zod';
import type { RuleKind } from '../rule-kind.ts';
import { telcoUsageOf, type TelcoUsageMeasure } from '../telco-usage.ts';
import { round1 } from '../time.ts';
import { WeightSchema } from './param-schemas.ts';

const ParamsSchema = z.strictObject({
  /** Fires when the last 24 h reach this many times the subscriber's usual day… */
  multiplier: z.number().min(1).max(1000),
  /** …and at least this much in absolute terms (a quiet line doubling 1 → 2 is no anomaly). */
  minValue: z.number().min(0).max(1_000_000),
  weight: WeightSchema,
});

/** Params of every usage anomaly kind (cell towers, data, calls, SMS). */
export type UsageAnomalyParams = z.infer<typeof ParamsSchema>;

/** What one usage anomaly kind measures: its names and the two `telcoUsage` fields it compares. */
export interface UsageMeasure {
  readonly kind: string;
  readonly code: string;
  /** Plural noun with its unit for messages, e.g. "cell tower changes", "MB of data". */
  readonly noun: string;
  readonly last24h: TelcoUsageMeasure;
  readonly usualPerDay: TelcoUsageMeasure;
}

/**
 * Builds a rule kind that compares one usage measure of the last 24 h with the subscriber's own
 * usual day, both from `payment.telcoUsage`. Silent when either field is absent or the snapshot is
 * ill-formed: a missing measurement is not an anomaly.
 */
export function usageAnomaly(measure: UsageMeasure): RuleKind<UsageAnomalyParams> {
  return {
    kind: measure.kind,
    description: `${measure.noun} in 24 h ≥ multiplier × the subscriber's usual day and ≥ minValue.`,
    params: ParamsSchema,
    create(id, params) {
      return {
        id,
        kind: measure.kind,
        evaluate(ctx) {
          const usage = telcoUsageOf(ctx.payment);
          const value = usage?.[measure.last24h];
          const usual = usage?.[measure.usualPerDay];
          if (value === undefined || usual === undefined) {
            return null;
          }
          if (value < params.minValue || value < params.multiplier * usual) {
            return null;
          }
          const ratio = usual > 0 ? round1(value / usual) : null;
          return {
            code: measure.code,
            message:
              `${round1(value)} ${measure.noun} in 24 h against ${round1(usual)} on a usual day` +
              (ratio === null ? '' : ` (${ratio}×)`),
            weight: params.weight,
            evidence: {
              value: round1(value),
              usualPerDay: round1(usual),
              ratio,
              multiplier: params.multiplier,
            },
          };
        },
      };
    },
  };
}

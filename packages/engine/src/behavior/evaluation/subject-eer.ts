import { fitBaseline } from '../fit-baseline.ts';
import { scoreSession } from '../score-session.ts';
import { equalErrorRate } from './equal-error-rate.ts';
import type { LabelledData } from './labelled-csv.ts';

export interface SubjectEerOptions {
  /** Train on each subject's first `train` rows (at least 2). */
  readonly train: number;
  /** Impostor rows: the first `impostorSamples` rows of every other subject (at least 1). */
  readonly impostorSamples: number;
  /** The baselines' `fittedAt` (the evaluation's clock). */
  readonly fittedAt: Date;
}

export interface SubjectEer {
  readonly subject: string;
  readonly eer: number;
  readonly genuine: number;
  readonly impostors: number;
}

export interface SubjectEerReport {
  readonly subjects: readonly SubjectEer[];
  /** Subjects without an EER: too few rows, or a baseline that could not be fitted. */
  readonly skipped: readonly { readonly subject: string; readonly reason: string }[];
  /** Mean and sample standard deviation (n − 1; 0 for one subject) of the subjects' EERs; NaN
   * without subjects. */
  readonly mean: number;
  readonly sd: number;
}

/**
 * Per-subject equal error rate of the behavioural model on any labelled data (SPEC §6): a baseline
 * from each subject's first `train` rows over the data's own columns; genuine = its remaining rows,
 * impostors = the first `impostorSamples` rows of every other subject; scores from `scoreSession`.
 */
export function subjectEqualErrorRates(
  data: LabelledData,
  options: SubjectEerOptions,
): SubjectEerReport {
  const { train, impostorSamples } = options;
  if (!Number.isInteger(train) || train < 2) {
    throw new RangeError('train must be an integer ≥ 2');
  }
  if (!Number.isInteger(impostorSamples) || impostorSamples < 1) {
    throw new RangeError('impostorSamples must be a positive integer');
  }
  const schema = { version: 'labelled-csv', features: data.features };
  const results: SubjectEer[] = [];
  const skipped: { subject: string; reason: string }[] = [];
  for (const [subject, rows] of data.subjects) {
    if (rows.length <= train) {
      skipped.push({ subject, reason: `${rows.length} rows; more than ${train} are needed` });
      continue;
    }
    const fitted = fitBaseline(rows.slice(0, train), {
      fittedAt: options.fittedAt,
      schema,
      minSessions: 2,
    });
    if (!fitted.ok) {
      skipped.push({ subject, reason: fitted.issues.map((i) => i.message).join('; ') });
      continue;
    }
    const score = (row: readonly number[]) =>
      scoreSession(fitted.baseline, row, { maxAnomalies: 0 }).score;
    const genuine = rows.slice(train).map(score);
    const impostors = [...data.subjects]
      .filter(([other]) => other !== subject)
      .flatMap(([, otherRows]) => otherRows.slice(0, impostorSamples).map(score));
    if (impostors.length === 0) {
      skipped.push({ subject, reason: 'no other subject to draw impostors from' });
      continue;
    }
    const { eer } = equalErrorRate(genuine, impostors);
    results.push({ subject, eer, genuine: genuine.length, impostors: impostors.length });
  }
  const n = results.length;
  const mean = results.reduce((s, r) => s + r.eer, 0) / n;
  const squares = results.reduce((s, r) => s + (r.eer - mean) ** 2, 0);
  const sd = n === 0 ? Number.NaN : n === 1 ? 0 : Math.sqrt(squares / (n - 1));
  return { subjects: results, skipped, mean, sd };
}

import { toFeatureVector } from '@sentinel/engine';

// Enough to fix a client's mapping; a body of 200 sessions with every feature wrong would
// otherwise answer with 11,000 issues.
const MAX_ISSUES = 50;

/** One problem, at `sessions.<i>.features.<name>`. */
export interface SessionIssue {
  readonly path: string;
  readonly message: string;
}

export type SessionVectorsResult =
  | { readonly ok: true; readonly vectors: readonly (readonly number[])[]; readonly issues?: never }
  | {
      readonly ok: false;
      /** At most 50, each naming its session and feature. */
      readonly issues: readonly SessionIssue[];
      /** How many problems there were in all. */
      readonly total: number;
      readonly vectors?: never;
    };

/**
 * Training sessions as vectors in the engine's schema order, checked by the engine's own
 * `toFeatureVector`: every one of the schema's features present, no unknown name, every value a
 * finite number (no imputation: a baseline is only as good as its sessions).
 */
export function toSessionVectors(
  sessions: readonly { readonly features: Readonly<Record<string, unknown>> }[],
): SessionVectorsResult {
  const vectors: (readonly number[])[] = [];
  const issues: SessionIssue[] = [];
  sessions.forEach((session, i) => {
    const result = toFeatureVector(session.features as Readonly<Record<string, number>>);
    if (result.ok) {
      vectors.push(result.vector);
      return;
    }
    for (const issue of result.issues) {
      issues.push({
        path: `sessions.${i}.features${issue.feature === undefined ? '' : `.${issue.feature}`}`,
        message: issue.message,
      });
    }
  });
  return issues.length === 0
    ? { ok: true, vectors }
    : { ok: false, issues: issues.slice(0, MAX_ISSUES), total: issues.length };
}

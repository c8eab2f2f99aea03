import {
  assess,
  compilePolicy,
  NO_SAFE_STEP_UP,
  POLICY_LEVEL_ACTION,
  type CompiledPolicy,
} from '@sentinel/engine';
import type { RowResult } from './batch-result.ts';
import type { ActivityRow } from './parse-row.ts';
import { toAssessmentContext } from './row-context.ts';

// Reasons the engine adds about the action (step-up, escrow), not rules that fired on the row; a
// batch run reads only the score and the level.
const NOT_RULES = new Set([NO_SAFE_STEP_UP, POLICY_LEVEL_ACTION]);

export type CompileResult =
  | { readonly ok: true; readonly policy: CompiledPolicy; readonly problems?: never }
  | { readonly ok: false; readonly problems: readonly string[]; readonly policy?: never };

/** Validates and compiles a policy document once per run (or per worker); lists every problem. */
export function compileBatchPolicy(doc: unknown): CompileResult {
  const compiled = compilePolicy(doc);
  return compiled.ok
    ? { ok: true, policy: compiled.policy }
    : { ok: false, problems: compiled.issues.map((i) => `${i.path}: ${i.message}`) };
}

/** Scores one valid row with the engine: its score, level and the rules that fired, heaviest first. */
export function scoreRow(row: ActivityRow, policy: CompiledPolicy): RowResult {
  const assessment = assess(toAssessmentContext(row), policy);
  return {
    line: row.line,
    subscriberId: row.subscriberId,
    score: assessment.riskScore,
    level: assessment.riskLevel,
    rules: assessment.reasons
      .filter((r) => !NOT_RULES.has(r.code))
      .map((r) => ({ code: r.code, weight: r.weight, message: r.message })),
    ...(row.label === undefined ? {} : { label: row.label }),
  };
}

import type { Reason, RiskLevel } from './assessment.ts';
import type { PolicyDocument } from './policy/policy-document.ts';
import type { RuleHit } from './rule.ts';

/** The risk score (capped sum of weights, 0–100) and its level; CRITICAL when any hit is a hard rule. */
export function scoreHits(
  hits: readonly RuleHit[],
  levels: PolicyDocument['levels'],
): { readonly riskScore: number; readonly riskLevel: RiskLevel } {
  const riskScore = Math.min(
    100,
    hits.reduce((sum, hit) => sum + hit.weight, 0),
  );
  if (hits.some((hit) => hit.critical === true)) {
    return { riskScore, riskLevel: 'CRITICAL' };
  }
  if (riskScore >= levels.highFrom) {
    return { riskScore, riskLevel: 'HIGH' };
  }
  return { riskScore, riskLevel: riskScore >= levels.mediumFrom ? 'MEDIUM' : 'LOW' };
}

/** Heaviest first; equal weights by code, so the order never depends on rule order. */
export function byWeightThenCode(a: Reason, b: Reason): number {
  if (a.weight !== b.weight) {
    return b.weight - a.weight;
  }
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/** A rule hit as the reason a caller sees (the engine-internal flags dropped). */
export function toReason(hit: RuleHit): Reason {
  return { code: hit.code, message: hit.message, weight: hit.weight, evidence: hit.evidence };
}

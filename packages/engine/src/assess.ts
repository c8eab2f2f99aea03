import type { Assessment, Reason } from './assessment.ts';
import type { BehaviorSignal } from './behavior/behavior-signal.ts';
import { freezeEffects, historyEffect, sightingEffect } from './effects.ts';
import { POLICY_LEVEL_ACTION, resolveOutcome } from './outcome.ts';
import type { CompiledPolicy } from './policy/compiled-policy.ts';
import type { AssessmentContext, RuleHit } from './rule.ts';
import { byWeightThenCode, scoreHits, toReason } from './scoring.ts';
import { simSwapAgeHours, swappedWithin } from './sim-swap-age.ts';
import { safeStepUpMethods } from './step-up-methods.ts';
import { round1 } from './time.ts';

/**
 * Assesses one payment: runs every enabled rule, scores the hits, maps the level to an action and
 * picks the safe step-up methods. Pure and deterministic: same context and policy, same answer.
 */
export function assess(ctx: AssessmentContext, policy: CompiledPolicy): Assessment {
  const doc = policy.document;
  const hits: RuleHit[] = [];
  let behavior: BehaviorSignal | undefined;
  for (const rule of policy.rules) {
    const { hit, behavior: measured } =
      rule.inspect === undefined ? { hit: rule.evaluate(ctx) } : rule.inspect(ctx);
    behavior ??= measured;
    if (hit !== null) {
      hits.push(hit);
    }
  }
  const ranked = hits
    .map((hit) => ({ hit, reason: toReason(hit) }))
    .sort((a, b) => byWeightThenCode(a.reason, b.reason));
  const { riskScore, riskLevel } = scoreHits(hits, doc.levels);

  const swapAgeHours = simSwapAgeHours(ctx.simSwap.signal, ctx.now);
  // The policy's SMS window and an untrusted signal apply even if no enabled rule said so.
  const simInDoubt =
    hits.some((hit) => hit.blocksSms === true) ||
    swappedWithin(swapAgeHours, doc.smsOtpBlockedForHours) ||
    ctx.simSwap.freshness !== 'FRESH';
  const methods = safeStepUpMethods(doc.stepUp.preference, ctx.profile, simInDoubt);

  const outcome = resolveOutcome({
    action: doc.actions[riskLevel],
    methods,
    escrowReason: ranked.find(({ hit }) => hit.escrow === true)?.reason.code ?? null,
    knownRecentSwap: swappedWithin(swapAgeHours, doc.smsOtpBlockedForHours),
    whenNoSafeMethod: doc.stepUp.whenNoSafeMethod,
    noSafeMethodEvidence: {
      simInDoubt,
      enrolledFactors: ctx.profile?.enrolledFactors.length ?? 0,
    },
  });
  const reasons: Reason[] = ranked.map(({ reason }) => reason);
  if (outcome.addedReason !== undefined) {
    reasons.push(outcome.addedReason);
    reasons.sort(byWeightThenCode);
  }
  // A policy may ask for more than the score does (say LOW → STEP_UP on a risky channel); the
  // answer still says why, so a STEP_UP or DENY never comes without a reason.
  if (outcome.action !== 'APPROVE' && reasons.length === 0) {
    reasons.push({
      code: POLICY_LEVEL_ACTION,
      message: `The policy answers ${outcome.action} for every ${riskLevel} payment`,
      weight: 0,
      evidence: { riskLevel },
    });
  }

  const freezes = freezeEffects(
    ranked.map(({ hit }) => hit),
    ctx.payment.userId,
  );
  return {
    action: outcome.action,
    riskScore,
    riskLevel,
    reasons,
    ...(outcome.stepUp === undefined ? {} : { stepUp: outcome.stepUp }),
    ...(outcome.escrow === undefined ? {} : { escrow: outcome.escrow }),
    freeze: freezes.some((f) => f.userId === ctx.payment.userId),
    effects: {
      freezes,
      history: historyEffect(ctx.payment, outcome.action),
      sighting: sightingEffect(ctx.payment, ctx.profile, ctx.now),
    },
    signals: {
      simSwap: {
        lastSwapAt: ctx.simSwap.signal?.lastSwapAt ?? null,
        ageHours: swapAgeHours === null ? null : round1(swapAgeHours),
        freshness: ctx.simSwap.freshness,
        source: ctx.simSwap.signal?.source ?? null,
      },
      ...(behavior === undefined ? {} : { behavior }),
    },
    policy: { id: doc.id, version: doc.version },
  };
}

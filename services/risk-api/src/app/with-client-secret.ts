import { clientSecret, type Decision } from '@sentinel/contracts';

/**
 * The decision as its tenant receives it: `stepUp.challengeUrl` ends in `#<client secret>`, which
 * lets the customer's app call the challenge routes directly. Derived from the step-up key on
 * every answer (a replay gets the same URL), so the stored record and the event never hold it.
 */
export function withClientSecret(decision: Decision, tenant: string, key: Buffer): Decision {
  const { stepUp } = decision;
  if (stepUp?.challengeUrl === undefined) {
    return decision;
  }
  const secret = clientSecret(key, tenant, decision.decisionId);
  return { ...decision, stepUp: { ...stepUp, challengeUrl: `${stepUp.challengeUrl}#${secret}` } };
}

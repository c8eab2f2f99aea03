import type { z } from 'zod';
import type { PolicyDocument } from './policy/policy-document.ts';
import type { Rule } from './rule.ts';

/**
 * Policy-wide settings a rule may need besides its own params. They stay in the policy document
 * (their one source of truth) and are handed to every factory by `compilePolicy`.
 */
export type PolicySettings = Pick<PolicyDocument, 'smsOtpBlockedForHours'>;

/**
 * A kind of rule: the schema of its params and a factory. `compilePolicy` validates a rule's
 * params with `params` once, then calls `create`; the engine only ever sees the resulting `Rule`.
 */
export interface RuleKind<P = unknown> {
  /** The `kind` a policy names, e.g. `simSwapRecency`. */
  readonly kind: string;
  /** One line for the policy editor. */
  readonly description: string;
  /** Thresholds and weights, with refinements (bands ordered, weights 0–100…). */
  readonly params: z.ZodType<P>;
  /** Builds the rule from already-validated params. */
  create(id: string, params: P, settings: PolicySettings): Rule;
}

import { z } from 'zod';
import { ACTIONS, type Action } from '../assessment.ts';
import { findRuleKind } from '../rules/catalog.ts';
import { STEP_UP_METHODS } from '../signals.ts';
import type { PolicyDocument, RuleConfig } from './policy-document.ts';

const Weight = z.number().int().min(0).max(100);
const ActionSchema = z.enum(ACTIONS);
const SEVERITY: Readonly<Record<Action, number>> = { APPROVE: 0, STEP_UP: 1, DENY: 2 };

const RuleConfigSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1–64 letters, digits, . _ -'),
    kind: z.string().min(1),
    enabled: z.boolean().exactOptional(),
    params: z.record(z.string(), z.unknown()),
  })
  .superRefine((rule, ctx) => {
    const kind = findRuleKind(rule.kind);
    if (kind === undefined) {
      ctx.addIssue({ code: 'custom', path: ['kind'], message: `unknown rule kind "${rule.kind}"` });
      return;
    }
    const parsed = kind.params.safeParse(rule.params);
    for (const issue of parsed.error?.issues ?? []) {
      ctx.addIssue({ code: 'custom', path: ['params', ...issue.path], message: issue.message });
    }
  }) satisfies z.ZodType<RuleConfig>;

/**
 * The whole policy document, strictly (unknown fields are typos and fail). Rule params are checked
 * by each kind's own schema; ids must be unique, level bands and actions ordered.
 */
export const PolicyDocumentSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1–64 letters, digits, . _ -'),
  version: z.number().int().min(0),
  description: z.string().max(2000).exactOptional(),
  signalMaxAgeSeconds: z.number().int().min(1).max(86_400),
  smsOtpBlockedForHours: z.number().min(0).max(8760),
  levels: z
    .strictObject({ mediumFrom: Weight.min(1), highFrom: Weight.min(1) })
    .refine((l) => l.mediumFrom < l.highFrom, {
      path: ['highFrom'],
      message: 'highFrom must be greater than mediumFrom',
    }),
  actions: z
    .strictObject({
      LOW: ActionSchema,
      MEDIUM: ActionSchema,
      HIGH: ActionSchema,
      CRITICAL: ActionSchema,
    })
    .superRefine((a, ctx) => {
      const order = [a.LOW, a.MEDIUM, a.HIGH, a.CRITICAL];
      const levels = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
      levels.forEach((level, i) => {
        const previous = order[i - 1];
        const current = order[i];
        if (
          previous !== undefined &&
          current !== undefined &&
          SEVERITY[current] < SEVERITY[previous]
        ) {
          ctx.addIssue({
            code: 'custom',
            path: [level],
            message: 'a higher risk level may not get a milder action than a lower one',
          });
        }
      });
    }),
  stepUp: z.strictObject({
    preference: z
      .array(z.enum(STEP_UP_METHODS))
      .refine((m) => new Set(m).size === m.length, 'methods may appear only once'),
    whenNoSafeMethod: z.enum(['DENY', 'ESCROW']),
    challengeTtlSeconds: z.number().int().min(30).max(3600),
  }),
  escrow: z.strictObject({
    holdHours: z.number().positive().max(720),
    release: z.enum(['VERIFICATION', 'VERIFICATION_AND_CLEAN_SIGNAL']).exactOptional(),
    onStepUpFailed: z.enum(['REVERSE', 'KEEP']).exactOptional(),
  }),
  dependencyUnavailable: z.strictObject({
    action: z.enum(['STEP_UP', 'DENY']),
    denyFromMinor: z.record(
      z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as ZAR'),
      z.number().int().positive(),
    ),
  }),
  rules: z
    .array(RuleConfigSchema)
    .max(200)
    .superRefine((rules, ctx) => {
      const seen = new Set<string>();
      rules.forEach((rule, i) => {
        if (seen.has(rule.id)) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'id'],
            message: `duplicate rule id "${rule.id}"`,
          });
        }
        seen.add(rule.id);
      });
    }),
}) satisfies z.ZodType<PolicyDocument>;

import { z } from '@hono/zod-openapi';
import { CHALLENGE_STATUSES } from '@sentinel/contracts';
import { STEP_UP_METHODS } from '@sentinel/engine';
import { PROBLEMS } from '../problem.ts';

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.enum(Object.keys(PROBLEMS) as [keyof typeof PROBLEMS, ...(keyof typeof PROBLEMS)[]]),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .openapi({ description: 'A 400: every refused field (its path and why; never its value)' }),
    attemptsLeft: z.number().int().optional(),
    challengeStatus: z.enum(CHALLENGE_STATUSES).optional().openapi({
      description: 'After a refused code or passkey: PENDING, or FAILED after the fifth',
    }),
  })
  .openapi('Problem');

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/** Refusals every challenge route can give; the code says which (docs/step-up.md). */
export const CHALLENGE_ERRORS = {
  400: problem('Invalid body or parameters'),
  401: problem('No or bad credentials'),
  404: problem('AUTH.CHALLENGE_NOT_FOUND: unknown, another tenant’s, or the secret is for another'),
  409: problem('AUTH.CHALLENGE_CLOSED (passed) or AUTH.ATTEMPTS_EXHAUSTED (failed)'),
  410: problem('AUTH.CHALLENGE_EXPIRED'),
} as const;

export const SECURITY = [{ Bearer: [] }];

export const ChallengeIdParam = z.object({
  id: z
    .string()
    .regex(/^[0-9a-f-]{36}$/, 'must be a UUID')
    .openapi({ param: { name: 'id', in: 'path' }, description: 'The decision id' }),
});

export const PaymentSchema = z
  .object({
    amount: z.object({ minor: z.number().int(), currency: z.string() }),
    payee: z.string().nullable(),
  })
  .openapi('Payment', { description: 'Show this before the customer approves (dynamic linking).' });

export const ChallengeViewSchema = z
  .object({
    status: z.enum(CHALLENGE_STATUSES),
    methods: z.array(z.enum(STEP_UP_METHODS)).openapi({
      description:
        'What the app may offer now: the decision’s methods that are enrolled and safe (no SMS ' +
        'for a recently swapped or unknown SIM); empty once the challenge ended.',
    }),
    expiresAt: z.string().openapi({ description: 'RFC 3339' }),
    attemptsLeft: z.number().int(),
    payment: PaymentSchema,
  })
  .openapi('Challenge');

export const SendCodeSchema = z.object({ channel: z.enum(['SMS', 'EMAIL']) }).openapi('SendCode');
export const VerifyCodeSchema = z
  .object({
    method: z.enum(['SMS_OTP', 'EMAIL_OTP', 'TOTP']),
    code: z.string().regex(/^\d{4,10}$/, 'digits only'),
  })
  .openapi('VerifyCode');
export const VerifyResultSchema = z
  .object({ status: z.enum(CHALLENGE_STATUSES), attemptsLeft: z.number().int() })
  .openapi('VerifyResult');
export const AuthenticationResponseSchema = z
  .looseObject({
    id: z.string().min(1),
    rawId: z.string().min(1),
    type: z.literal('public-key'),
    response: z.looseObject({
      clientDataJSON: z.string().min(1),
      authenticatorData: z.string().min(1),
      signature: z.string().min(1),
      userHandle: z.string().exactOptional(),
    }),
    clientExtensionResults: z.looseObject({}),
  })
  .openapi('AuthenticationResponseJSON', {
    description: 'WebAuthn’s standard JSON form (any client library produces it).',
  });

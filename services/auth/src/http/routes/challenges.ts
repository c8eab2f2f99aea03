import { createRoute, z } from '@hono/zod-openapi';
import type { ChallengeService } from '../../app/challenge-service.ts';
import { newRouter } from '../router.ts';
import {
  AuthenticationResponseSchema,
  CHALLENGE_ERRORS,
  ChallengeIdParam,
  ChallengeViewSchema,
  PaymentSchema,
  SECURITY,
  SendCodeSchema,
  VerifyCodeSchema,
  VerifyResultSchema,
} from './schemas.ts';

const json = <S>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const body = <S>(schema: S) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});

const view = createRoute({
  method: 'get',
  path: '/v1/challenges/{id}',
  summary: 'Read a step-up challenge',
  security: SECURITY,
  request: { params: ChallengeIdParam },
  responses: { 200: json(ChallengeViewSchema, 'The challenge'), ...CHALLENGE_ERRORS },
});

const sendCode = createRoute({
  method: 'post',
  path: '/v1/challenges/{id}/otp',
  summary: 'Send a one-time code by SMS or e-mail',
  description:
    'Never to a SIM swapped within the policy’s smsOtpBlockedForHours or of unknown status ' +
    '(AUTH.SMS_BLOCKED_SIM_SWAP / AUTH.SMS_BLOCKED_SIM_UNKNOWN). At most 3 per challenge; ' +
    'per-customer and per-bank limits answer 429 with Retry-After.',
  security: SECURITY,
  request: { params: ChallengeIdParam, ...body(SendCodeSchema) },
  responses: {
    202: json(z.object({ channel: z.enum(['SMS', 'EMAIL']), sendsLeft: z.number().int() }), 'Sent'),
    ...CHALLENGE_ERRORS,
  },
});

const verifyCode = createRoute({
  method: 'post',
  path: '/v1/challenges/{id}/verify',
  summary: 'Check an SMS, e-mail or authenticator-app code',
  description: 'A wrong code is 422 AUTH.CODE_INVALID with attemptsLeft; the fifth fails it.',
  security: SECURITY,
  request: { params: ChallengeIdParam, ...body(VerifyCodeSchema) },
  responses: { 200: json(VerifyResultSchema, 'Passed'), ...CHALLENGE_ERRORS },
});

const passkeyOptions = createRoute({
  method: 'post',
  path: '/v1/challenges/{id}/webauthn/options',
  summary: 'WebAuthn request options bound to this payment',
  security: SECURITY,
  request: { params: ChallengeIdParam },
  responses: {
    200: json(
      // Not loose: answers are not validated at run time, and WebAuthn's other members pass.
      z.object({ challenge: z.string(), payment: PaymentSchema }).openapi('PasskeyRequestOptions', {
        description:
          'WebAuthn PublicKeyCredentialRequestOptionsJSON: pass to startAuthentication()',
      }),
      'PublicKeyCredentialRequestOptionsJSON plus the payment to show',
    ),
    ...CHALLENGE_ERRORS,
  },
});

const verifyPasskey = createRoute({
  method: 'post',
  path: '/v1/challenges/{id}/webauthn',
  summary: 'Pass the challenge with a passkey assertion',
  security: SECURITY,
  request: { params: ChallengeIdParam, ...body(AuthenticationResponseSchema) },
  responses: {
    200: json(z.object({ status: VerifyResultSchema.shape.status }), 'Passed'),
    ...CHALLENGE_ERRORS,
  },
});

/** The challenge routes; the tenant comes from the API key or the client secret (auth.ts). */
export function challengeRoutes(service: ChallengeService) {
  return newRouter()
    .openapi(view, async (c) =>
      c.json(await service.view(c.get('tenant'), c.req.valid('param').id), 200),
    )
    .openapi(sendCode, async (c) => {
      const { channel } = c.req.valid('json');
      return c.json(await service.sendCode(c.get('tenant'), c.req.valid('param').id, channel), 202);
    })
    .openapi(verifyCode, async (c) => {
      const { method, code } = c.req.valid('json');
      const id = c.req.valid('param').id;
      return c.json(await service.verifyCode(c.get('tenant'), id, method, code), 200);
    })
    .openapi(passkeyOptions, async (c) =>
      c.json(await service.passkeyOptions(c.get('tenant'), c.req.valid('param').id), 200),
    )
    .openapi(verifyPasskey, async (c) => {
      const response = c.req.valid('json');
      const id = c.req.valid('param').id;
      const origin = c.req.header('origin');
      return c.json(await service.verifyPasskey(c.get('tenant'), id, response, origin), 200);
    });
}

import type { Context } from 'hono';
import type { FactorCode } from './factor-result.ts';
import type { RegistrationRefusal } from './passkey-registration.ts';

/**
 * The problems the user routes answer with, RFC 9457 like risk-api's. Local to the factors module
 * until auth-core's `services/auth/src/http/problem.ts` is merged; the codes are the agreed ones
 * plus the registration refusals.
 */
export const FACTOR_PROBLEMS = {
  'REQUEST.INVALID_BODY': { status: 400, title: 'The request body is invalid' },
  'REQUEST.INVALID_PARAMETER': { status: 400, title: 'A path or query parameter is invalid' },
  'RESOURCE.NOT_FOUND': { status: 404, title: 'No such resource' },
  'AUTH.CODE_INVALID': { status: 422, title: 'The code is not valid' },
  'AUTH.CODE_REPLAYED': { status: 422, title: 'The code was already used' },
  'AUTH.FACTOR_LOCKED': { status: 423, title: 'The factor is locked after too many failures' },
  'AUTH.FACTOR_NOT_ENROLLED': { status: 409, title: 'The factor is not enrolled' },
  'AUTH.PASSKEY_UNKNOWN_CREDENTIAL': { status: 422, title: 'Unknown passkey' },
  'AUTH.PASSKEY_COUNTER_REGRESSION': { status: 422, title: 'The signature counter regressed' },
  'AUTH.PASSKEY_WRONG_ORIGIN': { status: 422, title: 'The passkey was used on a wrong origin' },
  'AUTH.PASSKEY_WRONG_PAYMENT': { status: 422, title: 'The assertion is for another payment' },
  'AUTH.PASSKEY_INVALID': { status: 422, title: 'The passkey response did not verify' },
  'AUTH.PASSKEY_NOT_VERIFIED': { status: 422, title: 'User verification is required' },
  'AUTH.PASSKEY_LIMIT_REACHED': { status: 409, title: 'Too many passkeys' },
  'AUTH.PASSKEY_ALREADY_REGISTERED': { status: 409, title: 'The passkey is already registered' },
  'AUTH.REGISTRATION_NOT_PENDING': { status: 409, title: 'No registration is pending' },
} as const satisfies Record<
  | FactorCode
  | RegistrationRefusal
  | 'REQUEST.INVALID_BODY'
  | 'REQUEST.INVALID_PARAMETER'
  | 'RESOURCE.NOT_FOUND',
  { status: number; title: string }
>;

export type FactorProblemCode = keyof typeof FACTOR_PROBLEMS;

/** An application/problem+json answer; `detail` must never hold a code or a secret. */
export function factorProblem(
  c: Context,
  code: FactorProblemCode,
  detail?: string,
  errors?: readonly { path: string; message: string }[],
): Response {
  const { status, title } = FACTOR_PROBLEMS[code];
  const body = {
    type: `urn:sentinel:problem:${code.toLowerCase().replace(/[._]/g, '-')}`,
    title,
    status,
    code,
    detail: detail ?? title,
    instance: c.req.path,
    ...(errors === undefined ? {} : { errors }),
  };
  return c.body(JSON.stringify(body), status, { 'content-type': 'application/problem+json' });
}

/**
 * A refusal thrown from a typed OpenAPI handler; the router's `onError` answers it with
 * `factorProblem` (a mounted Hono router keeps its own error handler).
 */
export class FactorProblemError extends Error {
  override readonly name = 'FactorProblemError';
  readonly code: FactorProblemCode;

  constructor(code: FactorProblemCode, detail?: string) {
    super(detail ?? FACTOR_PROBLEMS[code].title);
    this.code = code;
  }
}

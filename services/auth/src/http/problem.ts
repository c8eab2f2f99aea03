import { problemDocument } from '@sentinel/kernel';
/**
 * Stable error codes of the auth service and their HTTP status, defined once (issue 11). Handlers
 * throw `AuthError`; the one `onError` turns it into RFC 9457 problem+json. Codes, secrets and
 * phone numbers never appear in a detail.
 */
export const PROBLEMS = {
  'REQUEST.INVALID_BODY': { status: 400, title: 'The request body is invalid' },
  'REQUEST.MALFORMED_JSON': { status: 400, title: 'The request body is not valid JSON' },
  'REQUEST.INVALID_PARAMETER': { status: 400, title: 'A path or query parameter is invalid' },
  'AUTH.MISSING_CREDENTIALS': { status: 401, title: 'No credentials were sent' },
  'AUTH.INVALID_CREDENTIALS': { status: 401, title: 'The credentials are not valid' },
  'AUTH.SMS_BLOCKED_SIM_SWAP': {
    status: 403,
    title: 'No SMS code: the SIM was swapped recently',
  },
  'AUTH.METHOD_NOT_ALLOWED': {
    status: 403,
    title: 'This method is not allowed for this challenge',
  },
  'AUTH.FACTOR_NOT_ENROLLED': { status: 403, title: 'The customer has not enrolled this factor' },
  'RESOURCE.NOT_FOUND': { status: 404, title: 'No such resource' },
  'AUTH.CHALLENGE_NOT_FOUND': { status: 404, title: 'No such challenge' },
  'AUTH.CHALLENGE_CLOSED': { status: 409, title: 'The challenge was already passed' },
  'AUTH.PASSKEY_LIMIT_REACHED': { status: 409, title: 'Too many passkeys' },
  'AUTH.PASSKEY_ALREADY_REGISTERED': { status: 409, title: 'The passkey is already registered' },
  'AUTH.REGISTRATION_NOT_PENDING': { status: 409, title: 'No registration is pending' },
  'AUTH.ATTEMPTS_EXHAUSTED': {
    status: 409,
    title: 'The challenge failed: too many failed attempts',
  },
  'AUTH.SENDS_EXHAUSTED': { status: 409, title: 'No more codes can be sent for this challenge' },
  'AUTH.SMS_BLOCKED_SIM_UNKNOWN': {
    status: 409,
    title: 'No SMS code: the SIM status is unknown or stale',
  },
  'AUTH.CHALLENGE_EXPIRED': { status: 410, title: 'The challenge has expired' },
  'AUTH.CODE_INVALID': { status: 422, title: 'The code is not valid' },
  'AUTH.CODE_REPLAYED': { status: 422, title: 'The code was already used' },
  'AUTH.PASSKEY_UNKNOWN_CREDENTIAL': { status: 422, title: 'Unknown passkey' },
  'AUTH.PASSKEY_COUNTER_REGRESSION': { status: 422, title: 'The passkey counter went backwards' },
  'AUTH.PASSKEY_WRONG_ORIGIN': { status: 422, title: 'The assertion came from another origin' },
  'AUTH.PASSKEY_WRONG_PAYMENT': {
    status: 422,
    title: 'The assertion was made for another payment',
  },
  'AUTH.PASSKEY_INVALID': { status: 422, title: 'The passkey assertion is not valid' },
  'AUTH.PASSKEY_NOT_VERIFIED': { status: 422, title: 'The passkey did not verify the user' },
  'AUTH.FACTOR_LOCKED': { status: 423, title: 'The factor is locked after too many failures' },
  'AUTH.RATE_LIMITED': { status: 429, title: 'Too many codes sent; retry later' },
  'AUTH.PROVIDER_UNAVAILABLE': { status: 503, title: 'The code provider does not answer' },
  'AUTH.UNAVAILABLE': { status: 503, title: 'A dependency does not answer' },
  INTERNAL: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEMS;

export function isProblemCode(code: string): code is ProblemCode {
  return Object.hasOwn(PROBLEMS, code);
}

/** A problem's extension member: a scalar, or the fields a validation refused (never values). */
export type ProblemExtension =
  string | number | boolean | readonly { readonly path: string; readonly message: string }[];

/** An expected failure of a request: a stable code, optional headers and extension members. */
export class AuthError extends Error {
  override readonly name = 'AuthError';
  readonly code: ProblemCode;
  readonly headers: Readonly<Record<string, string>> | undefined;
  readonly extensions: Readonly<Record<string, ProblemExtension>> | undefined;

  constructor(
    code: ProblemCode,
    detail?: string,
    opts?: {
      headers?: Record<string, string>;
      extensions?: Record<string, ProblemExtension>;
      cause?: unknown;
    },
  ) {
    super(detail ?? PROBLEMS[code].title, { cause: opts?.cause });
    this.code = code;
    this.headers = opts?.headers;
    this.extensions = opts?.extensions;
  }
}

export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: ProblemCode;
  readonly detail: string;
  readonly instance?: string;
  readonly [extension: string]: unknown;
}

/** RFC 9457 body for an error; `type` is a stable URN per code (kernel's `problemDocument`). */
export function problemBody(err: AuthError, instance?: string): ProblemBody {
  return problemDocument(PROBLEMS, err, instance);
}

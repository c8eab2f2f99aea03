import { problemDocument } from '@sentinel/kernel';
/**
 * Stable error codes of the public API. The HTTP status of each is defined once, here; handlers
 * throw `ApiError` with a code and the one `onError` turns it into RFC 9457 problem+json.
 */
export const PROBLEMS = {
  'REQUEST.INVALID_BODY': { status: 400, title: 'The request body is invalid' },
  'REQUEST.MALFORMED_JSON': { status: 400, title: 'The request body is not valid JSON' },
  'REQUEST.DUPLICATE_KEY': {
    status: 400,
    title: 'The request body names the same key twice in one object',
  },
  'REQUEST.INVALID_PARAMETER': { status: 400, title: 'A path or query parameter is invalid' },
  'AUTH.MISSING_CREDENTIALS': { status: 401, title: 'No credentials were sent' },
  'AUTH.INVALID_CREDENTIALS': { status: 401, title: 'The credentials are not valid' },
  'AUTH.FORBIDDEN': { status: 403, title: 'These credentials may not do this' },
  'RESOURCE.NOT_FOUND': { status: 404, title: 'No such resource' },
  'REQUEST.METHOD_NOT_ALLOWED': { status: 405, title: 'Method not allowed' },
  'IDEMPOTENCY.CONFLICT': {
    status: 409,
    title: 'This transactionId was already assessed with a different body',
  },
  'POLICY.VERSION_CONFLICT': {
    status: 412,
    title: 'The policy changed since the version you read',
  },
  'REQUEST.BODY_TOO_LARGE': { status: 413, title: 'The request body is too large' },
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': {
    status: 415,
    title: 'The request body must be application/json',
  },
  'POLICY.INVALID': { status: 422, title: 'The policy document is invalid' },
  'BEHAVIOR.NOT_ENOUGH_SESSIONS': {
    status: 422,
    title: 'Not enough behaviour sessions stored to fit a baseline',
  },
  'BEHAVIOR.DEGENERATE': {
    status: 422,
    title: 'The stored behaviour sessions do not vary: no baseline can be fitted',
  },
  'REQUEST.RATE_LIMITED': { status: 429, title: 'Too many requests' },
  'RISK.UNAVAILABLE': { status: 503, title: 'The service cannot decide at all right now' },
  INTERNAL: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEMS;

export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** An expected failure of a request, with a stable code and optional field-level issues. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ProblemCode;
  readonly issues: readonly FieldIssue[] | undefined;
  readonly headers: Readonly<Record<string, string>> | undefined;
  /** RFC 9457 extension members: structured facts a client can act on (never personal data). */
  readonly extensions: Readonly<Record<string, string | number | boolean>> | undefined;

  constructor(
    code: ProblemCode,
    detail?: string,
    opts?: {
      issues?: readonly FieldIssue[];
      headers?: Record<string, string>;
      extensions?: Record<string, string | number | boolean>;
      cause?: unknown;
    },
  ) {
    super(detail ?? PROBLEMS[code].title, { cause: opts?.cause });
    this.code = code;
    this.issues = opts?.issues;
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
  readonly errors?: readonly FieldIssue[];
  readonly [extension: string]: unknown;
}

/** RFC 9457 body for a code; `type` is a stable URN per code (kernel's `problemDocument`). */
export function problemBody(err: ApiError, instance?: string): ProblemBody {
  const standard = err.issues === undefined ? {} : { errors: err.issues };
  return problemDocument(PROBLEMS, err, instance, standard);
}

/**
 * Error codes the simulator answers, each with its HTTP status and the example message of
 * sim-swap.yaml / sim-swap-subscriptions.yaml (Commonalities' text where the files give none).
 * `status` and `code` are normative; `message` is informative (Commonalities design guide §3).
 */
export const CAMARA_ERRORS = {
  INVALID_ARGUMENT: {
    status: 400,
    message: 'Client specified an invalid argument, request body or query param.',
  },
  OUT_OF_RANGE: { status: 400, message: 'Client specified an invalid range.' },
  INVALID_PROTOCOL: { status: 400, message: 'Only HTTP is supported' },
  INVALID_CREDENTIAL: { status: 400, message: 'Only Access token is supported' },
  INVALID_TOKEN: { status: 400, message: 'Only bearer token is supported' },
  INVALID_SINK: { status: 400, message: 'sink not valid for the specified protocol' },
  UNAUTHENTICATED: {
    status: 401,
    message:
      'Request not authenticated due to missing, invalid, or expired credentials. A new authentication is required.',
  },
  PERMISSION_DENIED: {
    status: 403,
    message: 'Client does not have sufficient permissions to perform this action.',
  },
  NOT_FOUND: { status: 404, message: 'The specified resource is not found.' },
  IDENTIFIER_NOT_FOUND: { status: 404, message: 'Device identifier not found.' },
  ALREADY_EXISTS: {
    status: 409,
    message: 'The resource that a client tried to create already exists.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    message: 'The request entity has a media type which the server or resource does not support.',
  },
  SERVICE_NOT_APPLICABLE: {
    status: 422,
    message: 'The service is not available for the provided identifier.',
  },
  MISSING_IDENTIFIER: { status: 422, message: 'The device cannot be identified.' },
  UNNECESSARY_IDENTIFIER: {
    status: 422,
    message: 'The device is already identified by the access token.',
  },
  TOO_MANY_REQUESTS: { status: 429, message: 'Rejected due to request rate limit overpassed.' },
  INTERNAL: { status: 500, message: 'Unknown server error. Typically a server bug.' },
  UNAVAILABLE: { status: 503, message: 'Service Unavailable.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type CamaraErrorCode = keyof typeof CAMARA_ERRORS;
export type CamaraStatus = (typeof CAMARA_ERRORS)[CamaraErrorCode]['status'];

/** `ErrorInfo` of the CAMARA files: every error body is exactly this. */
export interface ErrorInfo {
  readonly status: number;
  readonly code: CamaraErrorCode;
  readonly message: string;
}

/** An expected failure of a request; the app's one `onError` turns it into `ErrorInfo`. */
export class CamaraError extends Error {
  override readonly name = 'CamaraError';
  readonly code: CamaraErrorCode;
  readonly headers: Readonly<Record<string, string>> | undefined;

  constructor(
    code: CamaraErrorCode,
    message?: string,
    opts?: { readonly headers?: Record<string, string>; readonly cause?: unknown },
  ) {
    super(message ?? CAMARA_ERRORS[code].message, { cause: opts?.cause });
    this.code = code;
    this.headers = opts?.headers;
  }

  get status(): CamaraStatus {
    return CAMARA_ERRORS[this.code].status;
  }

  toBody(): ErrorInfo {
    return { status: this.status, code: this.code, message: this.message };
  }
}

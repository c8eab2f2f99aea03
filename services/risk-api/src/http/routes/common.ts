import { ProblemSchema } from '../schemas.ts';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/** Error responses every authenticated JSON endpoint can give. */
export const COMMON_ERRORS = {
  400: problem('Invalid body or parameters; `errors` names every field'),
  401: problem('No or bad credentials'),
  413: problem('Body larger than 64 KiB (512 KiB for behaviour sessions)'),
  415: problem('Body is not application/json'),
  429: problem("Over the API client's rate limit; Retry-After says when to come back"),
  503: problem('The service cannot decide at all'),
} as const;

export const NOT_FOUND = { 404: problem('No such resource') } as const;
export const FORBIDDEN = { 403: problem('Needs an admin key') } as const;
export const CONFLICT = { 409: problem('Idempotency conflict') } as const;
export const PRECONDITION_FAILED = { 412: problem('Version conflict (If-Match)') } as const;
export const UNPROCESSABLE = {
  422: problem('Invalid policy; `errors` names every problem'),
} as const;
export const SECURITY = [{ Bearer: [] }];

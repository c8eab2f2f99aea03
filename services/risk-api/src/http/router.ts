import { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiClient } from '../config.ts';
import { ApiError, type FieldIssue } from './problem.ts';

/** Per-request values set by middleware. */
export interface AppEnv {
  Variables: {
    client: ApiClient;
    /** The clock's monotonic time when the request arrived. */
    startedAt: number;
  };
}

export interface ZodLikeIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly keys?: readonly string[];
}

/** Zod issues as `{path, message}` pairs; an unknown field is reported at its own path. */
export function toFieldIssues(issues: readonly ZodLikeIssue[]): FieldIssue[] {
  return issues.flatMap((issue) => {
    const base = issue.path.map(String);
    if (issue.code === 'unrecognized_keys' && issue.keys !== undefined) {
      return issue.keys.map((key) => ({
        path: [...base, key].join('.'),
        message: 'unknown field',
      }));
    }
    return [{ path: base.join('.') || '(body)', message: issue.message }];
  });
}

/** The 400 of a failed validation of the body (`json`) or of a parameter, naming every field. */
export function invalidRequest(target: string, zodIssues: readonly ZodLikeIssue[]): ApiError {
  const issues = toFieldIssues(zodIssues);
  const code = target === 'json' ? 'REQUEST.INVALID_BODY' : 'REQUEST.INVALID_PARAMETER';
  return new ApiError(
    code,
    `${issues.length} invalid field(s): ${issues.map((i) => i.path).join(', ')}`,
    { issues },
  );
}

/** A router whose failed validations become problem+json (400) naming every field. */
export function newRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw invalidRequest(result.target, result.error.issues);
      }
      return undefined;
    },
  });
}

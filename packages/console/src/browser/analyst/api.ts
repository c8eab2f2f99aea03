/** An RFC 9457 problem as the risk-api answers it; `errors` names each invalid field. */
export interface Problem {
  readonly status: number;
  readonly title: string;
  readonly detail?: string;
  readonly code?: string;
  readonly errors?: readonly { readonly path: string; readonly message: string }[];
}

export type ApiResult<T> =
  | { readonly ok: true; readonly value: T; readonly headers: Headers; readonly problem?: never }
  | { readonly ok: false; readonly problem: Problem; readonly value?: never };

/** Calls to the risk-api (same origin) with the analyst's tenant admin key. */
export interface Api {
  readonly key: string;
  call<T>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResult<T>>;
}

export function createApi(key: string): Api {
  return {
    key,
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the body type
    async call<T>(method: string, path: string, body?: unknown, headers = {}) {
      let response: Response;
      try {
        response = await fetch(path, {
          method,
          headers: {
            authorization: `Bearer ${key}`,
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...headers,
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return { ok: false, problem: { status: 0, title: 'The risk-api does not answer', detail } };
      }
      const text = await response.text();
      const json: unknown = text === '' ? null : JSON.parse(text);
      if (!response.ok) {
        const problem = (json ?? {}) as Partial<Problem>;
        return {
          ok: false,
          problem: {
            ...problem,
            status: response.status,
            title: problem.title ?? response.statusText,
          },
        };
      }
      return { ok: true, value: json as T, headers: response.headers };
    },
  };
}

/** A problem as one line of text for the page. */
export function describeProblem(problem: Problem): string {
  return [problem.title, problem.detail].filter((s) => s !== undefined && s !== '').join(': ');
}

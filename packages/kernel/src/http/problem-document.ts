/** A service's stable error codes, each with its HTTP status and title (RFC 9457). */
export type ProblemCatalog<C extends string> = Readonly<
  Record<C, { readonly status: number; readonly title: string }>
>;

/** What a problem body is made of: the error's code and detail, and its extension members. */
export interface ProblemSource<C extends string> {
  readonly code: C;
  readonly message: string;
  readonly extensions?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * The RFC 9457 body of every Sentinel service: `type` a stable URN per code, the catalog's
 * `status` and `title`, the `code`, the `detail`, the `instance`, then any `standard` members of
 * the service (the risk-api's `errors`), then the error's extension members, which can never
 * replace one of those.
 */
export function problemDocument<C extends string>(
  catalog: ProblemCatalog<C>,
  err: ProblemSource<C>,
  instance?: string,
  standard: Readonly<Record<string, unknown>> = {},
) {
  const { status, title } = catalog[err.code];
  const body = {
    type: `urn:sentinel:problem:${err.code.toLowerCase().replace(/[._]/g, '-')}`,
    title,
    status,
    code: err.code,
    detail: err.message,
    ...(instance === undefined ? {} : { instance }),
    ...standard,
  };
  const extensions = Object.entries(err.extensions ?? {}).filter(([key]) => !(key in body));
  return { ...body, ...Object.fromEntries(extensions) };
}

import type { Context } from 'hono';
import type { z } from 'zod';
import { CamaraError } from './camara-error.ts';

const NUMERIC = new Set(['number', 'int', 'bigint']);
const JSON_MEDIA = /^application\/([\w.-]+\+)?json$/i;

/** The JSON body text of a request: 415 for another media type, 400 for malformed JSON. */
export async function readJson(c: Context): Promise<unknown> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim() ?? '';
  if (!JSON_MEDIA.test(type)) {
    throw new CamaraError('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json');
  }
  const text = await c.req.text();
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CamaraError('INVALID_ARGUMENT', 'The request body is not valid JSON', {
      cause: error,
    });
  }
}

/**
 * A zod failure as a CAMARA error: a number outside its documented `minimum`/`maximum` is
 * OUT_OF_RANGE (test plan `check_sim_swap_400.3`: maxAge 100000), anything else INVALID_ARGUMENT.
 * The message names the fields, never their values.
 */
export function schemaError(error: z.ZodError): CamaraError {
  const paths = [...new Set(error.issues.map((i) => i.path.join('.') || '(body)'))].join(', ');
  const range = error.issues.every(
    (i) => (i.code === 'too_big' || i.code === 'too_small') && NUMERIC.has(i.origin),
  );
  return range
    ? new CamaraError('OUT_OF_RANGE', `Client specified an invalid range: ${paths}`)
    : new CamaraError('INVALID_ARGUMENT', `Client specified an invalid argument: ${paths}`);
}

/** Reads the JSON body and validates it with `schema` (400 INVALID_ARGUMENT / OUT_OF_RANGE). */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const parsed = schema.safeParse(await readJson(c));
  if (!parsed.success) {
    throw schemaError(parsed.error);
  }
  return parsed.data;
}

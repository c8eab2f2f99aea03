import type { Context, MiddlewareHandler } from 'hono';
import { findKeyProblem } from './json-keys.ts';
import { ApiError } from './problem.ts';
import type { AppEnv } from './router.ts';

export const MAX_BODY_BYTES = 64 * 1024;

/** A larger limit for the endpoints that take bulk data, by path. */
export interface BodyLimit {
  readonly path: RegExp;
  readonly maxBytes: number;
}
const JSON_MEDIA = /^application\/([\w.-]+\+)?json$/i;

/**
 * 413 past 64 KiB (declared or streamed), or past the limit of the first `limits` entry whose path
 * matches; 415 for a body that is not JSON; 400 for malformed JSON, or a reserved or duplicated
 * key anywhere in it. The body text is cached by Hono, so the validator that runs next parses the
 * same bytes.
 */
export function jsonBodyGuards(limits: readonly BodyLimit[] = []): MiddlewareHandler<AppEnv> {
  const maxBytesFor = (path: string) =>
    limits.find((l) => l.path.test(path))?.maxBytes ?? MAX_BODY_BYTES;
  // One middleware for the three checks, in the order they apply: each middleware is an async
  // step of Hono's chain on every request (issue 17's sixth session).
  return async (c, next) => {
    await limit(c, maxBytesFor(c.req.path));
    const { method } = c.req;
    if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
      requireJsonMediaType(c.req.header('content-type'));
      rejectKeyProblems(await c.req.text());
    }
    await next();
  };
}

/** 413 past `maxBytes`, declared or streamed; a streamed body is read here, for Hono's cache. */
async function limit(c: Context<AppEnv>, maxBytes: number): Promise<void> {
  const declared = c.req.header('content-length');
  if (declared !== undefined) {
    // Node's HTTP parser never hands over more body than Content-Length declares.
    if (Number(declared) > maxBytes) {
      throw tooLarge(maxBytes);
    }
    return;
  }
  const body = c.req.raw.body;
  if (body !== null) {
    // Hono keeps each body form as a promise in bodyCache; its .d.ts types them as values.
    const text = readCapped(body, maxBytes);
    (c.req.bodyCache as unknown as { text?: Promise<string> }).text = text;
    await text;
  }
}

/** 415 unless the Content-Type is JSON (`application/json` or `application/…+json`). */
function requireJsonMediaType(header: string | undefined): void {
  const type = (header ?? '').split(';')[0]?.trim() ?? '';
  if (!JSON_MEDIA.test(type)) {
    throw new ApiError(
      'REQUEST.UNSUPPORTED_MEDIA_TYPE',
      `Content-Type ${type === '' ? '(none)' : type} is not supported; send application/json`,
    );
  }
}

/** 400 for malformed JSON, or a reserved or duplicated key anywhere in it. */
function rejectKeyProblems(text: string): void {
  // One scan of the structure (about a microsecond for a payment); no reviving parse, which
  // cost 4–6 % of the CPU on every request.
  const problem = findKeyProblem(text);
  if (problem === undefined) {
    return;
  }
  try {
    JSON.parse(text);
  } catch (error) {
    throw new ApiError('REQUEST.MALFORMED_JSON', 'The request body is not valid JSON', {
      cause: error,
    });
  }
  const path = problem.at === '' ? problem.key : `${problem.at}.${problem.key}`;
  throw problem.kind === 'duplicate'
    ? new ApiError(
        'REQUEST.DUPLICATE_KEY',
        `The key "${problem.key}" appears twice in one object`,
        {
          issues: [{ path, message: 'duplicate key' }],
        },
      )
    : new ApiError('REQUEST.INVALID_BODY', `The key "${problem.key}" is not allowed`, {
        issues: [{ path, message: 'reserved key' }],
      });
}

/**
 * Reads a body without a declared length, counting bytes and giving up with 413 as soon as it
 * passes `max`. Hono's own bodyLimit middleware re-wraps every request body in a new stream,
 * which cut throughput on the Node adapter by three quarters (13,000 → 3,200 req/s in a bare app),
 * so declared lengths are trusted (above) and only chunked bodies come here.
 */
async function readCapped(body: ReadableStream<Uint8Array>, max: number): Promise<string> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(
    'REQUEST.BODY_TOO_LARGE',
    `The request body is larger than this endpoint's limit of ${maxBytes / 1024} KiB`,
  );
}

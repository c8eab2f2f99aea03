import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from './problem.ts';
import type { AppEnv } from './router.ts';

export const MAX_BODY_BYTES = 64 * 1024;
const JSON_MEDIA = /^application\/([\w.-]+\+)?json$/i;

// Keys that mean something to JavaScript objects. zod drops `__proto__` from records silently;
// we would rather say no than lose part of a request without a word.
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * 413 past 64 KiB (declared or streamed); 415 for a body that is not JSON; 400 for malformed JSON
 * or a reserved key anywhere in it. The body text is cached by Hono, so the validator that runs
 * next parses the same bytes.
 */
export function jsonBodyGuards(): MiddlewareHandler<AppEnv>[] {
  const mediaType: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (c.req.method === 'POST' || c.req.method === 'PUT' || c.req.method === 'PATCH') {
      const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim() ?? '';
      if (!JSON_MEDIA.test(type)) {
        throw new ApiError(
          'REQUEST.UNSUPPORTED_MEDIA_TYPE',
          `Content-Type ${type === '' ? '(none)' : type} is not supported; send application/json`,
        );
      }
    }
    await next();
  };
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError('REQUEST.BODY_TOO_LARGE');
    },
  });
  const reservedKeys: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (c.req.method === 'POST' || c.req.method === 'PUT' || c.req.method === 'PATCH') {
      const text = await c.req.text();
      let reserved: string | undefined;
      try {
        JSON.parse(text, (key, value: unknown) => {
          if (RESERVED_KEYS.has(key)) {
            reserved = key;
          }
          return value;
        });
      } catch (error) {
        throw new ApiError('REQUEST.MALFORMED_JSON', 'The request body is not valid JSON', {
          cause: error,
        });
      }
      if (reserved !== undefined) {
        throw new ApiError('REQUEST.INVALID_BODY', `The key "${reserved}" is not allowed`, {
          issues: [{ path: reserved, message: 'reserved key' }],
        });
      }
    }
    await next();
  };
  return [limit, mediaType, reservedKeys];
}

import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from './problem.ts';
import type { AppEnv } from './router.ts';

export const MAX_BODY_BYTES = 64 * 1024;
const JSON_MEDIA = /^application\/([\w.-]+\+)?json$/i;

/** 415 for a body that is not JSON; 413 past 64 KiB (declared or streamed). */
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
  return [limit, mediaType];
}

import type { HttpFunction, Request as FfRequest } from '@google-cloud/functions-framework';
import { describeError } from '../providers/describe-error.ts';
import type { Logger } from '@sentinel/kernel';
import type { WebhookHandler } from './camara-webhook.ts';

// Hop-by-hop or recomputed by fetch: not copied onto the Request.
const SKIPPED_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding']);

/** The express request functions-framework hands in, as a fetch `Request` (raw body kept). */
export function toFetchRequest(req: FfRequest): Request {
  const url = new URL(req.originalUrl || req.url, `http://${req.get('host') ?? 'localhost'}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (SKIPPED_HEADERS.has(name) || value === undefined) {
      continue;
    }
    for (const v of Array.isArray(value) ? value : [value]) {
      headers.append(name, v);
    }
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(url, {
    method: req.method,
    headers,
    ...(hasBody && req.rawBody !== undefined ? { body: new Uint8Array(req.rawBody) } : {}),
  });
}

/** Serves a fetch-style handler as a functions-framework HTTP function. */
export function toFunctionsHandler(handler: WebhookHandler, logger: Logger): HttpFunction {
  return async (req, res) => {
    try {
      const response = await handler(toFetchRequest(req));
      res.status(response.status);
      response.headers.forEach((value, name) => {
        res.setHeader(name, value);
      });
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      logger.error('HTTP function failed', { error: describeError(error) });
      res.status(500).json({ status: 500, code: 'INTERNAL', message: 'internal error' });
    }
  };
}

import { Hono } from 'hono';
import type { ConsoleAsset } from '@sentinel/console';
import type { ApiClient } from '../config.ts';
import { ApiError } from './problem.ts';
import type { AppEnv } from './router.ts';

export interface ConsoleRouteOptions {
  /** The built console (`loadConsoleAssets`); null when it was not built. */
  readonly assets: ReadonlyMap<string, ConsoleAsset> | null;
  /**
   * The local demo (npm start on loopback): `/console/config.json` hands the page the demo
   * tenant's keys so it works without a sign-in. Elsewhere the page asks the operator for a key.
   */
  readonly demo: boolean;
  readonly clients: readonly ApiClient[];
  /** The tenant whose keys the demo page gets (default: the first admin key's tenant). */
  readonly tenant?: string;
  /** Origins the pages may frame (the auth service's step-up page) and call besides this one. */
  readonly frameSources?: readonly string[];
  readonly connectSources?: readonly string[];
}

/**
 * `GET /console/…`: the console's static pages and assets (issue 15), gzipped once at load,
 * ETag-validated, with a strict CSP (no inline code; scripts, styles and calls to this origin). The
 * pages hold no data: everything they show comes from the `/v1` API with the caller's key.
 */
export function consoleRoutes(opts: ConsoleRouteOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${["'self'", ...(opts.connectSources ?? [])].join(' ')}`,
    `frame-src ${["'self'", ...(opts.frameSources ?? [])].join(' ')}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

  app.get('/console', (c) => c.redirect('/console/', 301));
  app.get('/console/config.json', (c) => {
    c.header('cache-control', 'no-store');
    return c.json(consoleConfig(opts, fromLoopback(c.env)));
  });
  app.get('/console/*', (c) => {
    if (opts.assets === null) {
      throw new ApiError(
        'RESOURCE.NOT_FOUND',
        'The console is not built here: run `npm run console:build` (npm start does)',
      );
    }
    const asset = opts.assets.get(c.req.path);
    if (asset === undefined) {
      throw new ApiError('RESOURCE.NOT_FOUND', `No console page or asset at ${c.req.path}`);
    }
    c.header('content-security-policy', csp);
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'no-referrer');
    c.header('etag', asset.etag);
    c.header('vary', 'accept-encoding');
    c.header('cache-control', asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (c.req.header('if-none-match') === asset.etag) {
      return c.body(null, 304);
    }
    c.header('content-type', asset.contentType);
    if (/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
      c.header('content-encoding', 'gzip');
      return c.body(asset.gzip);
    }
    return c.body(asset.body);
  });
  return app;
}

/**
 * Whether the request came over loopback. `@hono/node-server` passes the Node request as
 * `env.incoming`; a request with none (`app.request` in process) never crossed a network.
 */
function fromLoopback(env: unknown): boolean {
  const address = (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming?.socket?.remoteAddress;
  return (
    address === undefined ||
    address === '::1' ||
    address.startsWith('127.') ||
    address.startsWith('::ffff:127.')
  );
}

function consoleConfig(opts: ConsoleRouteOptions, loopback: boolean) {
  const tenantClients = opts.clients.filter((c) => c.role !== 'platform');
  const tenant = opts.tenant ?? tenantClients.find((c) => c.role === 'admin')?.tenant ?? null;
  // The demo's keys go only to a browser on this machine, even if the demo listens wider.
  if (!opts.demo || !loopback || tenant === null) {
    return { demo: false, tenant: null, apiKey: null, adminKey: null };
  }
  const key = (role: 'client' | 'admin') =>
    tenantClients.find((c) => c.role === role && c.tenant === tenant)?.key ?? null;
  return { demo: true, tenant, apiKey: key('client'), adminKey: key('admin') };
}

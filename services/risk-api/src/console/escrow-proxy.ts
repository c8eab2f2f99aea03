import { z } from 'zod';
import { ApiError } from '../http/problem.ts';
import { newRouter } from '../http/router.ts';

const EscrowId = z.string().regex(/^[0-9a-f-]{36}$/);
// An analyst's click, not the payment path: the escrow's transaction may take seconds on a busy
// store (5 s timed out under a loaded test run), and a second click would record it twice.
const PROXY_TIMEOUT_MS = 15_000;

/**
 * The two escrow calls the analyst view makes, forwarded to the escrow service with the caller's
 * own key: the list of holds and an out-of-band verification. Same origin for the page (the
 * console's CSP allows no other), no CORS on the escrow, and no privilege added — the escrow
 * checks the key exactly as if it had been called directly (npm start gives both the same keys).
 * Mounted behind the console's admin check; without an escrow URL (memory mode) it says so.
 */
export function escrowProxy(baseUrl: string | null, fetchImpl: typeof fetch) {
  const router = newRouter();
  const forward = async (
    path: string,
    init: { method: string; authorization: string; body?: string },
  ) => {
    if (baseUrl === null) {
      throw new ApiError(
        'RESOURCE.NOT_FOUND',
        'No escrow service here (SENTINEL_ESCROW_BASE_URL is not set; in-memory mode has none)',
      );
    }
    const response = await fetchImpl(new URL(path, baseUrl), {
      method: init.method,
      headers: {
        authorization: init.authorization,
        accept: 'application/json',
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: init.body }),
      signal: AbortSignal.timeout(PROXY_TIMEOUT_MS),
    }).catch((error: unknown) => {
      throw new ApiError('RISK.UNAVAILABLE', 'The escrow service does not answer', {
        cause: error,
      });
    });
    return new Response(await response.arrayBuffer(), {
      status: response.status,
      headers: { 'content-type': response.headers.get('content-type') ?? 'application/json' },
    });
  };

  router.get('/v1/console/escrows', (c) => {
    // The escrow API's own filter: `status` (HELD, RELEASED, …).
    const status = c.req.query('status');
    const query = status === undefined ? '' : `?status=${encodeURIComponent(status)}`;
    return forward(`/v1/escrows${query}`, {
      method: 'GET',
      authorization: c.req.header('authorization') ?? '',
    });
  });

  router.post('/v1/console/escrows/:escrowId/verifications', async (c) => {
    const escrowId = EscrowId.safeParse(c.req.param('escrowId'));
    if (!escrowId.success) {
      throw new ApiError('REQUEST.INVALID_PARAMETER', 'escrowId must be a UUID', {
        issues: [{ path: 'escrowId', message: 'must be a UUID' }],
      });
    }
    return forward(`/v1/escrows/${escrowId.data}/verifications`, {
      method: 'POST',
      authorization: c.req.header('authorization') ?? '',
      body: await c.req.text(),
    });
  });
  return router;
}

import {
  startLoopbackServer,
  type LoopbackServer,
  type Reply,
  type SeenRequest,
} from './loopback-server.ts';

export interface FakeOperatorOptions {
  /** `POST /sim-swap/v2/retrieve-date` answer for a number (default: 200, swapped an hour ago). */
  readonly retrieveDate?: (phoneNumber: string, request: SeenRequest) => Reply | Promise<Reply>;
  /** `POST /oauth/token` answer (default: a fresh bearer token valid for `tokenLifetimeS`). */
  readonly token?: (request: SeenRequest, issued: number) => Reply | Promise<Reply>;
  readonly tokenLifetimeS?: number;
  /** Bearer tokens the API refuses with 401, e.g. to simulate a revoked token. */
  readonly revoked?: Set<string>;
}

export interface FakeOperator {
  readonly server: LoopbackServer;
  /** `{url}/sim-swap/v2` */
  readonly baseUrl: string;
  readonly tokenUrl: string;
  tokenRequests(): SeenRequest[];
  apiRequests(): SeenRequest[];
  close(): Promise<void>;
}

export const FAKE_CLIENT = { clientId: 'sentinel-client', clientSecret: 's3cret:with/odd+chars' };

/**
 * A CAMARA operator at the HTTP boundary: an OAuth2 token endpoint (client credentials, Basic
 * auth) issuing `tok-1`, `tok-2`, …, and `POST /sim-swap/v2/retrieve-date` that checks the bearer
 * against the tokens it issued.
 */
export async function startFakeOperator(opts: FakeOperatorOptions = {}): Promise<FakeOperator> {
  const issued = new Set<string>();
  let count = 0;
  const basic = `Basic ${Buffer.from(
    `${encodeURIComponent(FAKE_CLIENT.clientId)}:${encodeURIComponent(FAKE_CLIENT.clientSecret)}`,
  ).toString('base64')}`;
  const server = await startLoopbackServer(async (request) => {
    if (request.path === '/oauth/token' && request.method === 'POST') {
      if (request.headers.authorization !== basic) {
        return { status: 401, body: { error: 'invalid_client' } };
      }
      count++;
      if (opts.token !== undefined) {
        const reply = await opts.token(request, count);
        if (reply.status === 200 && typeof reply.body === 'object' && reply.body !== null) {
          issued.add((reply.body as { access_token: string }).access_token);
        }
        return reply;
      }
      const token = `tok-${count}`;
      issued.add(token);
      return {
        status: 200,
        body: {
          access_token: token,
          token_type: 'Bearer',
          expires_in: opts.tokenLifetimeS ?? 3600,
        },
      };
    }
    if (request.path === '/sim-swap/v2/retrieve-date' && request.method === 'POST') {
      const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
      if (!issued.has(bearer) || opts.revoked?.has(bearer) === true) {
        return { status: 401, body: { status: 401, code: 'UNAUTHENTICATED', message: 'no' } };
      }
      const { phoneNumber } = JSON.parse(request.body) as { phoneNumber: string };
      return (
        (await opts.retrieveDate?.(phoneNumber, request)) ?? {
          status: 200,
          body: { latestSimChange: new Date(Date.now() - 3_600_000).toISOString() },
        }
      );
    }
    return { status: 404, body: { status: 404, code: 'NOT_FOUND', message: 'no route' } };
  });
  return {
    server,
    baseUrl: `${server.url}/sim-swap/v2`,
    tokenUrl: `${server.url}/oauth/token`,
    tokenRequests: () => server.requests.filter((r) => r.path === '/oauth/token'),
    apiRequests: () => server.requests.filter((r) => r.path.startsWith('/sim-swap/')),
    close: () => server.close(),
  };
}

import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { FakeClock } from '@sentinel/kernel/testing';
import { MemoryCustomerFactors } from '@sentinel/store';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { Hono, type Context } from 'hono';
import { createFactorService, type PaymentChallenge } from '../../factors/index.ts';
import { recordingLogger, TEST_TOTP_KEY } from '../../factors/testing/factor-fixtures.ts';
import { problemResponse } from '../../http/problem-response.ts';
import { pageRoutes } from '../page-routes.ts';

/** A challenge as this stand-in keeps it (auth-core's real one has more). */
export interface TestChallenge extends PaymentChallenge {
  amount: { minor: number; currency: string };
  payee: string | null;
  readonly secret: string;
  methods: string[];
  status: 'PENDING' | 'PASSED' | 'FAILED';
  webauthnState?: string;
  /** Every state handed out, so a test can try one again after it was spent. */
  readonly states: string[];
}

export const TENANT = 'bank-a';
export const API_KEY = 'test-bank-key';

function problem(
  c: Pick<Context, 'body'>,
  status: 400 | 401 | 404 | 409 | 422,
  code: string,
): Response {
  return c.body(JSON.stringify({ status, code, title: code }), status, {
    'content-type': 'application/problem+json',
  });
}

/**
 * The factor service, the page and a minimal stand-in for auth-core's challenge routes (single-use
 * `webauthnState`, client secret as bearer), served on loopback on two ports: `origin` is the one
 * allowed origin, `otherOrigin` the same app on another port, which WebAuthn accepts for the RP id
 * `localhost` but the service must refuse.
 */
export async function startStepUpTestApp() {
  const clock = new FakeClock(new Date('2026-03-01T10:00:00.000Z'));
  const factors = new MemoryCustomerFactors();
  const logger = recordingLogger();
  const challenges = new Map<string, TestChallenge>();
  const servers: ServerType[] = [];
  const ports = await Promise.all([listenLater(servers), listenLater(servers)]);
  const origin = `http://localhost:${ports[0].port}`;
  const otherOrigin = `http://localhost:${ports[1].port}`;
  const service = createFactorService({
    factors,
    clock,
    rp: { id: 'localhost', name: 'Sentinel test bank', origins: [origin] },
    totpKey: TEST_TOTP_KEY,
    logger,
  });

  const app = new Hono<{ Variables: { tenant: string } }>();
  app.onError((err, c) => problemResponse(err, c, logger));
  app.use('/v1/users/*', async (c, next) => {
    if (c.req.header('authorization') !== `Bearer ${API_KEY}`) {
      return problem(c, 401, 'AUTH.INVALID_CREDENTIALS');
    }
    c.set('tenant', TENANT);
    await next();
    return undefined;
  });
  app.route('/v1/users', service.userRoutes());

  const challengeOf = (c: Context): TestChallenge | Response => {
    const challenge = challenges.get(c.req.param('id') ?? '');
    if (challenge === undefined) {
      return problem(c, 404, 'AUTH.CHALLENGE_NOT_FOUND');
    }
    return c.req.header('authorization') === `Bearer ${challenge.secret}`
      ? challenge
      : problem(c, 401, 'AUTH.INVALID_CREDENTIALS');
  };
  app.get('/v1/challenges/:id', (c) => {
    const ch = challengeOf(c);
    return ch instanceof Response
      ? ch
      : c.json({
          status: ch.status,
          methods: ch.methods,
          payment: { amount: ch.amount, payee: ch.payee },
        });
  });
  app.post('/v1/challenges/:id/webauthn/options', async (c) => {
    const ch = challengeOf(c);
    if (ch instanceof Response) {
      return ch;
    }
    const { options, payment, state } = await service.passkeyRequest(TENANT, ch);
    ch.webauthnState = state;
    ch.states.push(state);
    return c.json({ ...options, payment });
  });
  app.post('/v1/challenges/:id/webauthn', async (c) => {
    const ch = challengeOf(c);
    if (ch instanceof Response) {
      return ch;
    }
    if (ch.status !== 'PENDING') {
      return problem(c, 409, 'AUTH.CHALLENGE_CLOSED');
    }
    const state = ch.webauthnState;
    delete ch.webauthnState; // single use, whatever the outcome
    if (state === undefined) {
      return problem(c, 409, 'AUTH.PASSKEY_INVALID');
    }
    const body = await c.req.json<AuthenticationResponseJSON>();
    const result = await service.verifyPasskey(TENANT, ch, state, body, c.req.header('origin'));
    if (!result.ok) {
      return problem(c, 422, result.code);
    }
    ch.status = 'PASSED';
    return c.json({ status: ch.status });
  });
  app.post('/v1/challenges/:id/verify', async (c) => {
    const ch = challengeOf(c);
    if (ch instanceof Response) {
      return ch;
    }
    if (ch.status !== 'PENDING') {
      return problem(c, 409, 'AUTH.CHALLENGE_CLOSED');
    }
    const { method, code } = await c.req.json<{ method: string; code: string }>();
    if (method !== 'TOTP' || !ch.methods.includes(method)) {
      return problem(c, 422, 'AUTH.METHOD_NOT_ALLOWED');
    }
    const result = await service.verifyTotp(TENANT, ch.userId, code);
    if (!result.ok) {
      return problem(c, 422, result.code);
    }
    ch.status = 'PASSED';
    return c.json({ status: ch.status, attemptsLeft: 5 });
  });
  app.route('/', pageRoutes());

  for (const port of ports) {
    port.attach(app.fetch);
  }

  return {
    origin,
    otherOrigin,
    clock,
    factors: factors.forTenant(TENANT),
    service,
    logger,
    challenges,
    addChallenge(
      id: string,
      payment: { minor: number; currency: string; payee: string | null },
      methods: string[] = ['WEBAUTHN'],
    ): TestChallenge {
      const challenge: TestChallenge = {
        id,
        userId: 'alice',
        decisionId: id,
        amount: { minor: payment.minor, currency: payment.currency },
        payee: payment.payee,
        secret: `secret-${id}`,
        methods,
        status: 'PENDING',
        states: [],
      };
      challenges.set(id, challenge);
      return challenge;
    },
    /** POSTs JSON from the test (the bank's backend or a replaying attacker). */
    post(path: string, body: unknown, bearer: string, from: string = origin): Promise<Response> {
      return fetch(from + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
        body: JSON.stringify(body),
      });
    },
    async close(): Promise<void> {
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    },
  };
}

/** A loopback server whose handler is attached once the app is built (its origin is in it). */
async function listenLater(servers: ServerType[]) {
  let handler: ((request: Request) => Response | Promise<Response>) | undefined;
  const server = serve({
    fetch: (request: Request) =>
      handler === undefined ? new Response(null, { status: 503 }) : handler(request),
    hostname: '127.0.0.1',
    port: 0,
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    attach: (fetchHandler: (request: Request) => Response | Promise<Response>) => {
      handler = fetchHandler;
    },
  };
}

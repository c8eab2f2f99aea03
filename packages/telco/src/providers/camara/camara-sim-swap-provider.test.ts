import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProviderResult } from '../sim-swap-provider.ts';
import {
  FAKE_CLIENT,
  startFakeOperator,
  type FakeOperator,
  type FakeOperatorOptions,
} from '../testing/fake-camara-operator.ts';
import { FakeClock } from '@sentinel/kernel/testing';
import { camaraSimSwapProvider, RETRIEVE_DATE_SCOPE } from './camara-sim-swap-provider.ts';
import { clientCredentialsTokenSource } from './client-credentials-token-source.ts';

const NUMBER = '+27821234567';
let operator: FakeOperator | undefined;

afterEach(async () => {
  await operator?.close();
  operator = undefined;
});

async function setUp(opts: FakeOperatorOptions = {}, clock: FakeClock = new FakeClock()) {
  operator = await startFakeOperator(opts);
  const tokens = clientCredentialsTokenSource({
    tokenUrl: operator.tokenUrl,
    ...FAKE_CLIENT,
    clock,
  });
  const provider = camaraSimSwapProvider({
    id: 'camara-za',
    baseUrl: operator.baseUrl,
    tokens,
    clock,
  });
  return { operator, provider, clock, lookup: () => provider.lookup(NUMBER, { timeoutMs: 2_000 }) };
}

describe('camaraSimSwapProvider: answers', () => {
  it.each<[string, unknown, Partial<ProviderResult>]>([
    [
      'a swap date (with offset, nanoseconds) is the last swap',
      { latestSimChange: '2026-02-28T14:27:08.312829447+02:00' },
      { ok: true, lastSwapAt: new Date('2026-02-28T12:27:08.312Z') },
    ],
    [
      'null with monitoredPeriod is "no swap within N days" (hours in the signal)',
      { latestSimChange: null, monitoredPeriod: 120 },
      { ok: true, lastSwapAt: null, monitoredPeriodHours: 2880 },
    ],
    [
      'a date with monitoredPeriod keeps the window',
      { latestSimChange: '2026-02-01T00:00:00Z', monitoredPeriod: 90 },
      { ok: true, lastSwapAt: new Date('2026-02-01T00:00:00Z'), monitoredPeriodHours: 2160 },
    ],
    [
      'null without monitoredPeriod says nothing about recency: unavailable, not "not swapped"',
      { latestSimChange: null },
      { ok: false, reason: 'UNAVAILABLE' },
    ],
    [
      'a body that is not SimSwapInfo is an error',
      { swapped: true },
      { ok: false, reason: 'ERROR' },
    ],
  ])('%s', async (_name, body, expected) => {
    const { lookup, clock } = await setUp({ retrieveDate: () => ({ status: 200, body }) });
    const result = await lookup();
    expect(result).toMatchObject(expected);
    if (result.ok) {
      expect(result.source).toBe('camara-za');
      expect(result.checkedAt).toEqual(clock.now());
    }
  });

  it.each<[number, string, string]>([
    [404, 'IDENTIFIER_NOT_FOUND', 'NOT_COVERED'],
    [422, 'SERVICE_NOT_APPLICABLE', 'NOT_COVERED'],
    [422, 'UNSUPPORTED_IDENTIFIER', 'NOT_COVERED'],
    [422, 'MISSING_IDENTIFIER', 'ERROR'],
    [422, 'UNNECESSARY_IDENTIFIER', 'ERROR'],
    [400, 'INVALID_ARGUMENT', 'ERROR'],
    [403, 'PERMISSION_DENIED', 'ERROR'],
    [404, 'NOT_FOUND', 'ERROR'],
    [429, 'TOO_MANY_REQUESTS', 'UNAVAILABLE'],
    [429, 'QUOTA_EXCEEDED', 'UNAVAILABLE'],
    [500, 'INTERNAL', 'UNAVAILABLE'],
    [503, 'UNAVAILABLE', 'UNAVAILABLE'],
  ])('HTTP %i %s → %s', async (status, code, reason) => {
    const { lookup } = await setUp({
      retrieveDate: () => ({ status, body: { status, code, message: `+27821234567 ${code}` } }),
    });
    const result = await lookup();
    expect(result).toMatchObject({ ok: false, reason });
    expect(result.ok ? '' : result.detail).toBe(`camara-za: HTTP ${status} ${code}`);
  });

  it('QUOTA_EXCEEDED is not worth a retry, TOO_MANY_REQUESTS is', async () => {
    const codes = ['QUOTA_EXCEEDED', 'TOO_MANY_REQUESTS'];
    const { lookup } = await setUp({
      retrieveDate: () => {
        const code = codes.shift() ?? '';
        return { status: 429, body: { status: 429, code, message: '' } };
      },
    });
    expect(await lookup()).toMatchObject({ retryable: false });
    expect((await lookup()).ok).toBe(false);
    expect(codes).toEqual([]);
  });

  it('sends the number in the body, a bearer token and a valid x-correlator', async () => {
    const { lookup, operator } = await setUp();
    await lookup();
    const [request] = operator.apiRequests();
    expect(request?.method).toBe('POST');
    expect(JSON.parse(request?.body ?? '')).toEqual({ phoneNumber: NUMBER });
    expect(request?.headers.authorization).toBe('Bearer tok-1');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['x-correlator']).toMatch(/^[a-zA-Z0-9-_:;./<>{}]{1,256}$/);
  });

  it('refuses a number that is not E.164 without calling the operator', async () => {
    const { provider, operator } = await setUp();
    const result = await provider.lookup('0821234567', { timeoutMs: 1_000 });
    expect(result).toMatchObject({ ok: false, reason: 'ERROR', retryable: false });
    expect(operator.server.requests).toHaveLength(0);
  });

  it('a slow operator is a TIMEOUT within the deadline', async () => {
    const { provider, operator, clock } = await setUp({
      retrieveDate: () => ({ status: 200, body: { latestSimChange: null }, delayMs: 1_000 }),
    });
    const pending = provider.lookup(NUMBER, { timeoutMs: 50 });
    await vi.waitFor(() => expect(operator.apiRequests()).toHaveLength(1));
    clock.advance(50);
    expect(await pending).toMatchObject({ ok: false, reason: 'TIMEOUT' });
  });

  // Hot-path budgets are what is left of 50 ms: fractions. AbortSignal.timeout refuses those, and
  // every live lookup of the risk-api failed in a millisecond without calling the operator.
  it('a fractional deadline (a hot-path budget) still calls the operator', async () => {
    const { provider, operator } = await setUp();
    await provider.lookup(NUMBER, { timeoutMs: 2_000 }); // token fetched, connection warm
    const answered = await provider.lookup(NUMBER, { timeoutMs: 500.37 });
    expect(answered).toMatchObject({ ok: true });
    expect(operator.apiRequests()).toHaveLength(2);
  });

  it('a slow operator with a fractional deadline is a TIMEOUT, not an instant ERROR', async () => {
    const { provider, operator, clock } = await setUp({
      retrieveDate: () => ({ status: 200, body: { latestSimChange: null }, delayMs: 1_000 }),
    });
    let settled = false;
    const pending = provider.lookup(NUMBER, { timeoutMs: 40.6 }).finally(() => (settled = true));
    await vi.waitFor(() => expect(operator.apiRequests()).toHaveLength(1));
    clock.advance(40);
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false); // still waiting at 40 ms of its 40.6
    clock.advance(0.6);
    expect(await pending).toMatchObject({ ok: false, reason: 'TIMEOUT' });
  });

  it('an operator that does not listen is UNAVAILABLE', async () => {
    const { provider, operator } = await setUp();
    await operator.close();
    const result = await provider.lookup(NUMBER, { timeoutMs: 1_000 });
    expect(result).toMatchObject({ ok: false, reason: 'UNAVAILABLE' });
  });
});

describe('camaraSimSwapProvider: OAuth2 client credentials', () => {
  it('asks for the retrieve-date scope with Basic client authentication', async () => {
    const { lookup, operator } = await setUp();
    await lookup();
    const [token] = operator.tokenRequests();
    const form = new URLSearchParams(token?.body);
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('scope')).toBe(RETRIEVE_DATE_SCOPE);
    expect(form.get('client_secret')).toBeNull();
  });

  it('caches the token: 20 lookups, one token request', async () => {
    const { lookup, operator } = await setUp();
    for (let i = 0; i < 20; i++) {
      expect((await lookup()).ok).toBe(true);
    }
    expect(operator.tokenRequests()).toHaveLength(1);
    expect(operator.apiRequests()).toHaveLength(20);
  });

  it('concurrent lookups with no token share one token request (single flight)', async () => {
    const { lookup, operator } = await setUp({
      token: (_r, n) => ({
        status: 200,
        body: { access_token: `slow-${n}`, token_type: 'bearer', expires_in: 600 },
        delayMs: 100,
      }),
    });
    const results = await Promise.all(Array.from({ length: 25 }, lookup));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(operator.tokenRequests()).toHaveLength(1);
    expect(new Set(operator.apiRequests().map((r) => r.headers.authorization))).toEqual(
      new Set(['Bearer slow-1']),
    );
  });

  it('refreshes shortly before expiry, not after', async () => {
    const clock = new FakeClock();
    const { lookup, operator } = await setUp({ tokenLifetimeS: 300 }, clock);
    await lookup();
    clock.advance(269_000); // skew = min(30 s, lifetime / 10) = 30 s: still fresh at 269 s
    await lookup();
    expect(operator.tokenRequests()).toHaveLength(1);
    clock.advance(2_000); // 271 s: inside the last 30 s
    await lookup();
    expect(operator.tokenRequests()).toHaveLength(2);
    expect(operator.apiRequests().at(-1)?.headers.authorization).toBe('Bearer tok-2');
  });

  it('a 401 drops the cached token and retries once with a new one', async () => {
    const revoked = new Set<string>();
    const { lookup, operator } = await setUp({ revoked });
    await lookup();
    revoked.add('tok-1');
    const result = await lookup();
    expect(result.ok).toBe(true);
    expect(operator.tokenRequests()).toHaveLength(2);
    expect(operator.apiRequests().map((r) => r.headers.authorization)).toEqual([
      'Bearer tok-1',
      'Bearer tok-1',
      'Bearer tok-2',
    ]);
  });

  it('a second 401 is an ERROR, and there is no third attempt', async () => {
    const { lookup, operator } = await setUp({
      retrieveDate: () => ({
        status: 401,
        body: { status: 401, code: 'UNAUTHENTICATED', message: '' },
      }),
    });
    expect(await lookup()).toMatchObject({ ok: false, reason: 'ERROR', retryable: false });
    expect(operator.apiRequests()).toHaveLength(2);
    expect(operator.tokenRequests()).toHaveLength(2);
  });

  it.each<[string, NonNullable<FakeOperatorOptions['token']>, string]>([
    ['a failing token endpoint is UNAVAILABLE', () => ({ status: 503 }), 'UNAVAILABLE'],
    [
      'refused client credentials are an ERROR',
      () => ({ status: 400, body: { error: 'invalid_client' } }),
      'ERROR',
    ],
    [
      'a token response without access_token is an ERROR',
      () => ({ status: 200, body: { token_type: 'bearer' } }),
      'ERROR',
    ],
    [
      'a non-bearer token is an ERROR',
      () => ({ status: 200, body: { access_token: 'x', token_type: 'mac' } }),
      'ERROR',
    ],
  ])('%s', async (_name, token, reason) => {
    const { lookup, operator } = await setUp({ token });
    expect(await lookup()).toMatchObject({ ok: false, reason });
    expect(operator.apiRequests()).toHaveLength(0);
  });

  it('wrong client credentials are refused by the token endpoint (ERROR, no API call)', async () => {
    operator = await startFakeOperator();
    const clock = new FakeClock();
    const tokens = clientCredentialsTokenSource({
      tokenUrl: operator.tokenUrl,
      clientId: FAKE_CLIENT.clientId,
      clientSecret: 'wrong',
      clock,
    });
    const provider = camaraSimSwapProvider({ id: 'op', baseUrl: operator.baseUrl, tokens, clock });
    const result = await provider.lookup(NUMBER, { timeoutMs: 1_000 });
    expect(result).toMatchObject({ ok: false, reason: 'ERROR' });
    expect(result.ok ? '' : result.detail).toContain('invalid_client');
  });
});

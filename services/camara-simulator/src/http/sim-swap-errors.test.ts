import { beforeAll, describe, expect, it } from 'vitest';
import type { Scope } from '../domain/access-token.ts';
import { specValidators } from '../testing/openapi.ts';
import { testSimulator, type CallResult } from '../testing/simulator-harness.ts';
import { X_CORRELATOR_PATTERN } from './x-correlator.ts';

// Every error case of sim-swap 2.1.0, for both operations: status, code, ErrorInfo shape (checked
// against the response the operation documents for that status) and the x-correlator header.

const spec = specValidators('sim-swap.yaml');
const KNOWN = '+27820000001';
const NOT_APPLICABLE = '+27820000002';
const UNKNOWN = '+27820000009';
const CORRELATOR = 'b4333c46-49c0-4f62-80d7-f0ef930f1c46';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const OPERATIONS = [
  { op: 'retrieve-date', scope: 'sim-swap:retrieve-date', other: 'sim-swap:check' },
  { op: 'check', scope: 'sim-swap:check', other: 'sim-swap:retrieve-date' },
] as const;

function expectError(res: CallResult, status: number, code: string, op: string): void {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(Object.keys(res.body as object).sort()).toEqual(['code', 'message', 'status']);
  expect(res.body).toMatchObject({ status, code, message: expect.stringMatching(/\S/) as unknown });
  if (status !== 415 && status !== 404) {
    const validate = spec.response(`/${op}`, 'post', String(status));
    expect(validate(res.body), spec.errors(validate)).toBe(true);
  }
  expect(res.headers.get('x-correlator')).toMatch(X_CORRELATOR_PATTERN);
}

describe.each(OPERATIONS)('POST /sim-swap/v2/$op errors', ({ op, scope, other }) => {
  const t = testSimulator({ settings: { monitoredPeriodDays: 30 } });
  const path = `/sim-swap/v2/${op}`;
  const base = op === 'check' ? { maxAge: 24 } : {};
  const post = (o: Parameters<typeof t.call>[2] = {}) =>
    t.call('POST', path, { ...o, headers: { 'x-correlator': CORRELATOR, ...o.headers } });
  const echoed = (res: CallResult) => {
    expect(res.headers.get('x-correlator')).toBe(CORRELATOR);
  };

  beforeAll(async () => {
    await t.putNumber(KNOWN, { swappedHoursAgo: 2 });
    await t.putNumber(NOT_APPLICABLE, { serviceApplicable: false });
  });

  it('succeeds for a valid 2-legged request (the baseline every case below breaks)', async () => {
    const res = await post({ body: { ...base, phoneNumber: KNOWN } });
    expect(res.status).toBe(200);
    echoed(res);
  });

  it.each([
    ['no + sign', '27820000001'],
    ['a leading zero', '+0820000001'],
    ['too few digits', '+1234'],
    ['too many digits', '+1234567890123456'],
    ['a space', '+27 820000001'],
    ['a number, not a string', 27820000001],
    ['null', null],
  ])('400 INVALID_ARGUMENT for a phoneNumber with %s', async (_name, phoneNumber) => {
    const res = await post({ body: { ...base, phoneNumber } });
    expectError(res, 400, 'INVALID_ARGUMENT', op);
    echoed(res);
  });

  it.each([
    ['malformed JSON', '{"phoneNumber":'],
    ['an empty body', ''],
    ['an array', '[]'],
    ['a string', '"+27820000001"'],
    ['null', 'null'],
  ])('400 INVALID_ARGUMENT for %s as the body', async (_name, rawBody) => {
    const res = await post({ rawBody, headers: { 'content-type': 'application/json' } });
    expectError(res, 400, 'INVALID_ARGUMENT', op);
    echoed(res);
  });

  it.each([
    ['a space', 'not valid'],
    ['a character outside the set', 'corr#1'],
    ['257 characters', 'a'.repeat(257)],
  ])(
    '400 INVALID_ARGUMENT for an x-correlator with %s, answered with a fresh one',
    async (_n, bad) => {
      const res = await post({
        body: { ...base, phoneNumber: KNOWN },
        headers: { 'x-correlator': bad },
      });
      expectError(res, 400, 'INVALID_ARGUMENT', op);
      expect(res.headers.get('x-correlator')).toMatch(UUID);
    },
  );

  it('accepts an x-correlator of 256 characters from the whole allowed set', async () => {
    const value = 'aZ09-_:;./<>{}'.repeat(19).slice(0, 256);
    const res = await post({
      body: { ...base, phoneNumber: KNOWN },
      headers: { 'x-correlator': value },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-correlator')).toBe(value);
  });

  it('generates a UUID x-correlator when none is sent, on errors too', async () => {
    const res = await t.call('POST', path, { body: { ...base, phoneNumber: UNKNOWN } });
    expectError(res, 404, 'IDENTIFIER_NOT_FOUND', op);
    expect(res.headers.get('x-correlator')).toMatch(UUID);
  });

  it.each([
    ['no Authorization header', { token: null }],
    ['an unknown token', { token: 'not-a-token' }],
    ['a Basic credential', { token: null, headers: { authorization: 'Basic dXNlcjpwYXNz' } }],
    ['a Bearer scheme without a token', { token: null, headers: { authorization: 'Bearer' } }],
  ])('401 UNAUTHENTICATED for %s', async (_name, o) => {
    const res = await post({ ...o, body: { ...base, phoneNumber: KNOWN } });
    expectError(res, 401, 'UNAUTHENTICATED', op);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    echoed(res);
  });

  it('401 UNAUTHENTICATED for an expired token', async () => {
    const token = await t.issueToken({ phoneNumber: KNOWN, expiresInSeconds: 60 });
    expect((await post({ token, body: base })).status).toBe(200);
    t.clock.advance(60_000);
    const res = await post({ token, body: base });
    t.clock.advance(-60_000);
    expectError(res, 401, 'UNAUTHENTICATED', op);
  });

  it('401 comes before body validation', async () => {
    const res = await post({
      token: null,
      rawBody: '{',
      headers: { 'content-type': 'application/json' },
    });
    expectError(res, 401, 'UNAUTHENTICATED', op);
  });

  it.each<[string, Scope[]]>([
    ['only the other operation', [other]],
    ['only subscription scopes', ['sim-swap-subscriptions:read', 'sim-swap-subscriptions:delete']],
  ])('403 PERMISSION_DENIED for a token with %s, before body validation', async (_n, scopes) => {
    const token = await t.issueToken({ scopes });
    const res = await post({ token, body: { ...base, phoneNumber: 'bad' } });
    expectError(res, 403, 'PERMISSION_DENIED', op);
    echoed(res);
  });

  it.each<[string, Scope[]]>([
    ['its own scope', [scope]],
    ['the umbrella sim-swap scope', ['sim-swap']],
  ])('accepts a token with %s', async (_n, scopes) => {
    const token = await t.issueToken({ scopes });
    expect((await post({ token, body: { ...base, phoneNumber: KNOWN } })).status).toBe(200);
  });

  it('404 IDENTIFIER_NOT_FOUND for a valid number the operator does not know (C02.02)', async () => {
    const res = await post({ body: { ...base, phoneNumber: UNKNOWN } });
    expectError(res, 404, 'IDENTIFIER_NOT_FOUND', op);
    echoed(res);
  });

  it('404 IDENTIFIER_NOT_FOUND for a 3-legged token of an unknown number', async () => {
    const token = await t.issueToken({ phoneNumber: UNKNOWN });
    expectError(await post({ token, body: base }), 404, 'IDENTIFIER_NOT_FOUND', op);
  });

  it('422 SERVICE_NOT_APPLICABLE, 2-legged and 3-legged (C02.05)', async () => {
    expectError(
      await post({ body: { ...base, phoneNumber: NOT_APPLICABLE } }),
      422,
      'SERVICE_NOT_APPLICABLE',
      op,
    );
    const token = await t.issueToken({ phoneNumber: NOT_APPLICABLE });
    expectError(await post({ token, body: base }), 422, 'SERVICE_NOT_APPLICABLE', op);
  });

  it('422 MISSING_IDENTIFIER for a 2-legged token without phoneNumber (C02.04)', async () => {
    const res = await post({ body: base });
    expectError(res, 422, 'MISSING_IDENTIFIER', op);
    echoed(res);
  });

  it.each([
    ['a different number', '+27820000003'],
    ['the same number', KNOWN],
  ])(
    '422 UNNECESSARY_IDENTIFIER for a 3-legged token with %s in the body (C02.03)',
    async (_n, phoneNumber) => {
      const token = await t.issueToken({ phoneNumber: KNOWN });
      const res = await post({ token, body: { ...base, phoneNumber } });
      expectError(res, 422, 'UNNECESSARY_IDENTIFIER', op);
      echoed(res);
    },
  );

  it('415 UNSUPPORTED_MEDIA_TYPE for a body that is not JSON', async () => {
    const res = await post({ rawBody: 'phoneNumber=1', headers: { 'content-type': 'text/plain' } });
    expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', op);
    echoed(res);
  });

  it('429 TOO_MANY_REQUESTS past the rate limit, with Retry-After', async () => {
    const limited = testSimulator({ settings: { rateLimit: { limit: 2, windowMs: 1_000 } } });
    await limited.putNumber(KNOWN);
    const send = () =>
      limited.call('POST', path, {
        body: { ...base, phoneNumber: KNOWN },
        headers: { 'x-correlator': CORRELATOR },
      });
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(200);
    const res = await send();
    expectError(res, 429, 'TOO_MANY_REQUESTS', op);
    expect(res.headers.get('retry-after')).toBe('1');
    echoed(res);
    limited.clock.advance(1_000);
    expect((await send()).status).toBe(200);
  });
});

describe('POST /sim-swap/v2/check: maxAge', () => {
  const t = testSimulator({ settings: { monitoredPeriodDays: 30 } });
  const check = (maxAge: unknown) =>
    t.call('POST', '/sim-swap/v2/check', { body: { phoneNumber: KNOWN, maxAge } });
  beforeAll(async () => {
    await t.putNumber(KNOWN, { swappedHoursAgo: 2 });
  });

  it.each([0, -1, 2401, 100_000, 1e20])(
    '400 OUT_OF_RANGE for maxAge %s (test 400.3)',
    async (maxAge) => {
      expectError(await check(maxAge), 400, 'OUT_OF_RANGE', 'check');
    },
  );

  it.each([
    ['"24"', '24'],
    ['1.5', 1.5],
    ['null', null],
    ['true', true],
  ])('400 INVALID_ARGUMENT for maxAge %s (test 400.2)', async (_name, maxAge) => {
    expectError(await check(maxAge), 400, 'INVALID_ARGUMENT', 'check');
  });

  it('400 OUT_OF_RANGE above the 30-day monitored period, with the reason (test 400.4)', async () => {
    const res = await check(721);
    expectError(res, 400, 'OUT_OF_RANGE', 'check');
    expect((res.body as { message: string }).message).toBe(
      'Check monitor period could not exceed local regulations (30 days)',
    );
    expect((await check(720)).status).toBe(200);
  });

  it('accepts every maxAge up to 2400 with the default 120-day period', async () => {
    const wide = testSimulator();
    await wide.putNumber(KNOWN);
    const res = await wide.call('POST', '/sim-swap/v2/check', {
      body: { phoneNumber: KNOWN, maxAge: 2400 },
    });
    expect(res).toMatchObject({ status: 200, body: { swapped: false } });
  });
});

describe('routes outside the API', () => {
  it('404 NOT_FOUND in ErrorInfo form, with an x-correlator', async () => {
    const t = testSimulator();
    const res = await t.call('POST', '/sim-swap/v2/nowhere', {
      body: {},
      headers: { 'x-correlator': CORRELATOR },
    });
    expect(res).toMatchObject({
      status: 404,
      body: { status: 404, code: 'NOT_FOUND', message: expect.any(String) as unknown },
    });
    expect(res.headers.get('x-correlator')).toBe(CORRELATOR);
  });
});

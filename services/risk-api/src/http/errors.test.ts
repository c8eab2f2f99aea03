import { describe, expect, it } from 'vitest';
import type { ProblemBody } from './problem.ts';
import {
  ADMIN_KEY,
  ALICE,
  aliceProfile,
  alicePayment,
  memoryAdapters,
  testApi,
} from '../testing/harness.ts';

const PROBLEM = 'application/problem+json';

describe('error contract (RFC 9457 problem+json with stable codes)', () => {
  const t = testApi({ adapters: memoryAdapters() });

  const raw = async (init: RequestInit & { headers?: Record<string, string> }) => {
    const res = await t.api.app.request('/v1/assess-payment', { method: 'POST', ...init });
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      body: (await res.json()) as ProblemBody,
      res,
    };
  };

  it('401 without credentials, with a WWW-Authenticate challenge', async () => {
    const r = await raw({ headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(r.status).toBe(401);
    expect(r.type).toBe(PROBLEM);
    expect(r.body).toMatchObject({
      status: 401,
      code: 'AUTH.MISSING_CREDENTIALS',
      instance: '/v1/assess-payment',
    });
    expect(r.res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it.each([['Bearer not-a-key-at-all'], ['Basic dXNlcjpwYXNz'], ['Bearer']])(
    '401 for a bad credential: %s',
    async (authorization) => {
      const r = await raw({
        headers: { authorization, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(r.status).toBe(401);
      expect(r.body.code).toBe('AUTH.INVALID_CREDENTIALS');
    },
  );

  it('400 naming every invalid and unknown field', async () => {
    const res = await t.call('POST', '/v1/assess-payment', {
      ...alicePayment(),
      phoneNumber: '0821234567',
      amount: { minor: 12.5, currency: 'ZZZ' },
      channel: 'CASH',
      surprise: true,
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe(PROBLEM);
    expect(res.body.code).toBe('REQUEST.INVALID_BODY');
    const paths = res.body.errors?.map((e) => e.path).sort();
    expect(paths).toEqual([
      'amount.currency',
      'amount.minor',
      'channel',
      'phoneNumber',
      'surprise',
    ]);
    expect(res.body.errors?.find((e) => e.path === 'surprise')?.message).toBe('unknown field');
  });

  it.each([
    ['a negative amount', { amount: { minor: -5, currency: 'ZAR' } }, 'amount.minor'],
    ['a float amount', { amount: { minor: 10.01, currency: 'ZAR' } }, 'amount.minor'],
    ['a bad IP', { ipAddress: '300.1.1.1' }, 'ipAddress'],
    ['a bad transaction id', { transactionId: 'tx 1/2' }, 'transactionId'],
    ['a date without offset', { occurredAt: '2026-11-21 10:00' }, 'occurredAt'],
    [
      'a prototype key in features',
      { behavior: { features: JSON.parse('{"__proto__": 1}') as object } },
      'behavior.features.__proto__',
    ],
    [
      'a constructor key at the top',
      JSON.parse('{"constructor": {"prototype": {}}}') as object,
      'constructor',
    ],
    [
      'a non-finite feature',
      { behavior: { features: { typing_speed: 'NaN' } } },
      'behavior.features.typing_speed',
    ],
    [
      'a negative usage count the rules read',
      { telcoUsage: { carrier: 'MTN', calls24h: -1 } },
      'telcoUsage.calls24h',
    ],
    [
      'a roaming flag that is not a boolean',
      { telcoUsage: { roaming: 'yes' } },
      'telcoUsage.roaming',
    ],
  ])('400 for %s', async (_label, overrides, path) => {
    const res = await t.call('POST', '/v1/assess-payment', { ...alicePayment(), ...overrides });
    expect(res.status).toBe(400);
    expect(res.body.errors?.map((e) => e.path)).toContain(path);
  });

  it('accepts a usage snapshot with the typed fields and free-form keys besides', async () => {
    const telcoUsage = { carrier: 'MTN', calls24h: 4, usualCallsPerDay: 5.5, roaming: false };
    const res = await t.call('POST', '/v1/assess-payment', { ...alicePayment(), telcoUsage });
    expect(res.status).toBe(200);
  });

  it.each([
    ['missing', undefined],
    ['out of range', '300.1.1.1'],
  ])('400 saying what an IP address must be when it is %s', async (_label, ipAddress) => {
    const res = await t.call('POST', '/v1/assess-payment', { ...alicePayment(), ipAddress });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: 'ipAddress', message: 'must be an IPv4 or IPv6 address' },
    ]);
  });

  it('400 for malformed JSON', async () => {
    const res = await t.call('POST', '/v1/assess-payment', '{"transactionId": ');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('REQUEST.MALFORMED_JSON');
  });

  it('413 for a 70 KiB body', async () => {
    const body = JSON.stringify({ ...alicePayment(), padding: 'x'.repeat(70 * 1024) });
    const res = await t.call('POST', '/v1/assess-payment', body);
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toBe(PROBLEM);
    expect(res.body.code).toBe('REQUEST.BODY_TOO_LARGE');
  });

  it('413 also when the body streams past the limit without a Content-Length', async () => {
    const big = new TextEncoder().encode(JSON.stringify({ padding: 'x'.repeat(70 * 1024) }));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(big);
        controller.close();
      },
    });
    // `duplex` is Node's (undici's) member for a streamed body; the DOM lib's RequestInit, which
    // joins the program with the behaviour SDK's browser code, does not list it.
    const init: RequestInit & { duplex: 'half' } = {
      method: 'POST',
      headers: { authorization: 'Bearer bank-test-key-0001', 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    };
    const res = await t.api.app.request('/v1/assess-payment', init);
    expect(res.status).toBe(413);
  });

  it.each([['text/plain'], ['application/x-www-form-urlencoded'], ['']])(
    '415 for Content-Type "%s"',
    async (type) => {
      const res = await t.call('POST', '/v1/assess-payment', JSON.stringify(alicePayment()), {
        'content-type': type,
      });
      expect(res.status).toBe(415);
      expect(res.body.code).toBe('REQUEST.UNSUPPORTED_MEDIA_TYPE');
    },
  );

  // JSON media types the edge accepts but zod-openapi's own media-type gate refused with an
  // HTTPException(415), which used to become a 500.
  it.each([['application/json; charset'], ['application/vnd1+json']])(
    'Content-Type "%s": assess-payment decides, a zod-openapi route answers 415, never 500',
    async (type) => {
      const assessed = await t.call('POST', '/v1/assess-payment', JSON.stringify(alicePayment()), {
        'content-type': type,
      });
      expect(assessed.status).toBe(200);
      const put = await t.call('PUT', `/v1/users/${ALICE.userId}`, JSON.stringify(aliceProfile()), {
        'content-type': type,
        authorization: `Bearer ${ADMIN_KEY}`,
      });
      expect(put.status).toBe(415);
      expect(put.body.code).toBe('REQUEST.UNSUPPORTED_MEDIA_TYPE');
    },
  );

  it('404 problem for an unknown endpoint', async () => {
    const res = await t.call('GET', '/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('RESOURCE.NOT_FOUND');
  });

  it('500 without a stack trace when a bug escapes', async () => {
    const broken = testApi({ adapters: memoryAdapters() });
    broken.adapters.state.setFault('getProfile', new TypeError('secret internals at line 42'));
    const res = await broken.call('GET', '/v1/users/u-1');
    expect(res.status).toBe(500);
    expect(res.body.code).toBe('INTERNAL');
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('secret internals');
    expect(text).not.toMatch(/at .*\.ts:\d+/);
    expect(broken.logs.some((l) => l['severity'] === 'ERROR')).toBe(true);
  });
});

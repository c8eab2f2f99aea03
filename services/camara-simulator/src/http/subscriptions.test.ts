import { describe, expect, it } from 'vitest';
import type { Scope } from '../domain/access-token.ts';
import type { EventSender } from '../subscriptions/event-sender.ts';
import { specValidators } from '../testing/openapi.ts';
import { T0, testSimulator, type CallResult } from '../testing/simulator-harness.ts';

// The subscriptions API in process: responses validated against sim-swap-subscriptions.yaml.
// Deliveries go to a recording sender; the real HTTP sink is in subscription-lifecycle.test.ts.

const spec = specValidators('sim-swap-subscriptions.yaml');
const BASE = '/sim-swap-subscriptions/v0.3/subscriptions';
const SWAPPED = 'org.camaraproject.sim-swap-subscriptions.v0.swapped';
const PHONE = '+27821234567';
const OTHER = '+27821234568';
const CORRELATOR = 'corr-subs-1';
const EXPIRES = '2026-07-01T00:00:00.000Z';

const request = (over: Record<string, unknown> = {}, phoneNumber: string | null = PHONE) => ({
  protocol: 'HTTP',
  sink: 'https://sink.example.com/camara',
  sinkCredential: {
    credentialType: 'ACCESSTOKEN',
    accessToken: 'sink-token',
    accessTokenExpiresUtc: '2026-06-30T00:00:00Z',
    accessTokenType: 'bearer',
  },
  types: [SWAPPED],
  config: {
    subscriptionDetail: phoneNumber === null ? {} : { phoneNumber },
    subscriptionExpireTime: EXPIRES,
    subscriptionMaxEvents: 5,
  },
  ...over,
});

function setup(settings = {}) {
  const sent: unknown[] = [];
  const send: EventSender = (_url, init) => {
    sent.push(JSON.parse(init.body));
    return Promise.resolve({ status: 204 });
  };
  const t = testSimulator({ settings, send });
  const call = (method: string, path: string, o: Parameters<typeof t.call>[2] = {}) =>
    t.call(method, path, { ...o, headers: { 'x-correlator': CORRELATOR, ...o.headers } });
  return { ...t, call, sent };
}

function expectValid(validate: ReturnType<typeof spec.schema>, body: unknown): void {
  expect(validate(body), spec.errors(validate)).toBe(true);
}

function expectError(
  res: CallResult,
  status: number,
  code: string,
  documented?: [string, 'get' | 'post' | 'delete'],
): void {
  expect(res).toMatchObject({
    status,
    body: { status, code, message: expect.any(String) as unknown },
  });
  expect(Object.keys(res.body as object).sort()).toEqual(['code', 'message', 'status']);
  expect(res.headers.get('x-correlator')).toBe(CORRELATOR);
  if (documented !== undefined) {
    expectValid(spec.response(documented[0], documented[1], String(status)), res.body);
  }
}

describe('POST /subscriptions', () => {
  it('creates a 2-legged subscription: 201, phoneNumber shown, sinkCredential never', async () => {
    const t = setup();
    const res = await t.call('POST', BASE, { body: request() });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-correlator')).toBe(CORRELATOR);
    expectValid(spec.response('/subscriptions', 'post', '201'), res.body);
    expectValid(spec.schema('HTTPSubscriptionResponse'), res.body);
    expect(res.body).toEqual({
      id: expect.any(String) as unknown,
      protocol: 'HTTP',
      sink: 'https://sink.example.com/camara',
      types: [SWAPPED],
      config: {
        subscriptionDetail: { phoneNumber: PHONE },
        subscriptionExpireTime: EXPIRES,
        subscriptionMaxEvents: 5,
      },
      startsAt: T0.toISOString(),
      expiresAt: EXPIRES,
      status: 'ACTIVE',
    });
  });

  it('creates a 3-legged subscription without phoneNumber anywhere (SUBSCRIPTION_REQUEST_3LEGS)', async () => {
    const t = setup();
    const token = await t.issueToken({ phoneNumber: PHONE });
    const created = await t.call('POST', BASE, {
      token,
      body: request(
        { protocolSettings: { headers: { 'x-tenant': 'bank' }, method: 'POST' } },
        null,
      ),
    });
    expect(created.status).toBe(201);
    expectValid(spec.schema('HTTPSubscriptionResponse'), created.body);
    expect(created.body).toMatchObject({
      config: { subscriptionDetail: {} },
      protocolSettings: { headers: { 'x-tenant': 'bank' }, method: 'POST' },
    });
    const id = (created.body as { id: string }).id;
    const mine = await t.call('GET', `${BASE}/${id}`, { token });
    expect(mine.body).toMatchObject({ id, config: { subscriptionDetail: {} } });
    const asApp = await t.call('GET', `${BASE}/${id}`);
    expect(asApp.body).toMatchObject({ config: { subscriptionDetail: { phoneNumber: PHONE } } });
  });

  it('accepts the minimal request and plain http to a loopback sink in local mode', async () => {
    const t = setup();
    const res = await t.call('POST', BASE, {
      body: {
        protocol: 'HTTP',
        sink: 'http://127.0.0.1:9999/events',
        types: [SWAPPED],
        config: { subscriptionDetail: { phoneNumber: PHONE } },
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).not.toHaveProperty('expiresAt');
  });

  const credential = (c: Record<string, unknown>) => ({
    sinkCredential: {
      credentialType: 'ACCESSTOKEN',
      accessToken: 't',
      accessTokenExpiresUtc: '2026-06-30T00:00:00Z',
      accessTokenType: 'bearer',
      ...c,
    },
  });
  const config = (c: Record<string, unknown>) => ({
    config: { subscriptionDetail: { phoneNumber: PHONE }, ...c },
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['protocol MQTT3', { protocol: 'MQTT3' }, 'INVALID_PROTOCOL'],
    ['protocol KAFKA', { protocol: 'KAFKA' }, 'INVALID_PROTOCOL'],
    ['an unknown protocol', { protocol: 'FTP' }, 'INVALID_ARGUMENT'],
    ['no protocol', { protocol: undefined }, 'INVALID_ARGUMENT'],
    ['a PLAIN credential', credential({ credentialType: 'PLAIN' }), 'INVALID_CREDENTIAL'],
    [
      'a REFRESHTOKEN credential',
      credential({ credentialType: 'REFRESHTOKEN' }),
      'INVALID_CREDENTIAL',
    ],
    ['an unknown credential type', credential({ credentialType: 'KEY' }), 'INVALID_ARGUMENT'],
    ['a non-bearer access token', credential({ accessTokenType: 'mac' }), 'INVALID_TOKEN'],
    ['no access token', credential({ accessToken: undefined }), 'INVALID_ARGUMENT'],
    [
      'an epoch token expiry',
      credential({ accessTokenExpiresUtc: '1717753038' }),
      'INVALID_ARGUMENT',
    ],
    [
      'a past token expiry',
      credential({ accessTokenExpiresUtc: '2026-05-01T00:00:00Z' }),
      'INVALID_ARGUMENT',
    ],
    ['no sink', { sink: undefined }, 'INVALID_ARGUMENT'],
    ['a sink that is not a URL (test 26)', { sink: 'not a url' }, 'INVALID_ARGUMENT'],
    ['an http sink on the internet', { sink: 'http://sink.example.com/e' }, 'INVALID_SINK'],
    ['an ftp sink', { sink: 'ftp://sink.example.com/e' }, 'INVALID_SINK'],
    ['a sink with credentials', { sink: 'https://u:p@sink.example.com/e' }, 'INVALID_SINK'],
    ['no types', { types: undefined }, 'INVALID_ARGUMENT'],
    ['empty types', { types: [] }, 'INVALID_ARGUMENT'],
    [
      'another event type (test 23)',
      { types: ['org.camaraproject.sim-swap-subscriptions.v0.subscription-ended'] },
      'INVALID_ARGUMENT',
    ],
    ['two types', { types: [SWAPPED, SWAPPED] }, 'INVALID_ARGUMENT'],
    ['no config', { config: undefined }, 'INVALID_ARGUMENT'],
    ['no subscriptionDetail', { config: {} }, 'INVALID_ARGUMENT'],
    [
      'an invalid phoneNumber',
      { config: { subscriptionDetail: { phoneNumber: '0821234567' } } },
      'INVALID_ARGUMENT',
    ],
    [
      'an expire time in the past (test 24)',
      config({ subscriptionExpireTime: '2026-05-31T00:00:00Z' }),
      'INVALID_ARGUMENT',
    ],
    [
      'an expire time without zone',
      config({ subscriptionExpireTime: '2026-07-01T00:00:00' }),
      'INVALID_ARGUMENT',
    ],
    ['subscriptionMaxEvents 0', config({ subscriptionMaxEvents: 0 }), 'OUT_OF_RANGE'],
    ['subscriptionMaxEvents 1.5', config({ subscriptionMaxEvents: 1.5 }), 'INVALID_ARGUMENT'],
    ['protocolSettings.method GET', { protocolSettings: { method: 'GET' } }, 'INVALID_ARGUMENT'],
  ])('400 for %s', async (_name, over, code) => {
    const t = setup();
    const body = JSON.parse(JSON.stringify(request(over))) as unknown;
    expectError(await t.call('POST', BASE, { body }), 400, code, ['/subscriptions', 'post']);
  });

  it('400 INVALID_SINK for a loopback http sink outside local mode', async () => {
    const t = setup({ localMode: false });
    const res = await t.call('POST', BASE, { body: request({ sink: 'http://127.0.0.1:1/e' }) });
    expectError(res, 400, 'INVALID_SINK', ['/subscriptions', 'post']);
  });

  it('400 INVALID_ARGUMENT for malformed JSON, 415 for another media type', async () => {
    const t = setup();
    const malformed = await t.call('POST', BASE, {
      rawBody: '{',
      headers: { 'content-type': 'application/json' },
    });
    expectError(malformed, 400, 'INVALID_ARGUMENT', ['/subscriptions', 'post']);
    const text = await t.call('POST', BASE, {
      rawBody: 'x',
      headers: { 'content-type': 'text/plain' },
    });
    expectError(text, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('401 UNAUTHENTICATED without a valid token', async () => {
    const t = setup();
    const res = await t.call('POST', BASE, { token: 'nope', body: request() });
    expectError(res, 401, 'UNAUTHENTICATED', ['/subscriptions', 'post']);
  });

  it('403 PERMISSION_DENIED without the create scope', async () => {
    const t = setup();
    const token = await t.issueToken({ scopes: ['sim-swap', 'sim-swap-subscriptions:read'] });
    const res = await t.call('POST', BASE, { token, body: request() });
    expectError(res, 403, 'PERMISSION_DENIED', ['/subscriptions', 'post']);
  });

  it('409 ALREADY_EXISTS for the same number and sink', async () => {
    const t = setup();
    expect((await t.call('POST', BASE, { body: request() })).status).toBe(201);
    const again = await t.call('POST', BASE, { body: request() });
    expectError(again, 409, 'ALREADY_EXISTS', ['/subscriptions', 'post']);
    const otherSink = await t.call('POST', BASE, {
      body: request({ sink: 'https://b.example.com/' }),
    });
    expect(otherSink.status).toBe(201);
  });

  it('422 MISSING_IDENTIFIER / UNNECESSARY_IDENTIFIER / SERVICE_NOT_APPLICABLE', async () => {
    const t = setup();
    const doc: [string, 'post'] = ['/subscriptions', 'post'];
    expectError(
      await t.call('POST', BASE, { body: request({}, null) }),
      422,
      'MISSING_IDENTIFIER',
      doc,
    );
    const token = await t.issueToken({ phoneNumber: PHONE });
    const both = await t.call('POST', BASE, { token, body: request() });
    expectError(both, 422, 'UNNECESSARY_IDENTIFIER', doc);
    await t.putNumber(OTHER, { serviceApplicable: false });
    const na = await t.call('POST', BASE, { body: request({}, OTHER) });
    expectError(na, 422, 'SERVICE_NOT_APPLICABLE', doc);
  });

  it('429 TOO_MANY_REQUESTS past the rate limit', async () => {
    const t = setup({ rateLimit: { limit: 1, windowMs: 60_000 } });
    await t.call('GET', BASE);
    const res = await t.call('POST', BASE, { body: request() });
    expectError(res, 429, 'TOO_MANY_REQUESTS', ['/subscriptions', 'post']);
  });
});

describe('GET and DELETE /subscriptions', () => {
  async function withTwo() {
    const t = setup();
    const a = await t.call('POST', BASE, { body: request() });
    t.clock.advance(1_000);
    const b = await t.call('POST', BASE, { body: request({}, OTHER) });
    return { t, a: (a.body as { id: string }).id, b: (b.body as { id: string }).id };
  }

  it('lists everything for a 2-legged token and only its number for a 3-legged one', async () => {
    const { t, a, b } = await withTwo();
    const all = await t.call('GET', BASE);
    expect(all.status).toBe(200);
    expectValid(spec.response('/subscriptions', 'get', '200'), all.body);
    expect((all.body as { id: string }[]).map((s) => s.id)).toEqual([a, b]);
    const token = await t.issueToken({ phoneNumber: OTHER });
    const mine = await t.call('GET', BASE, { token });
    expectValid(spec.response('/subscriptions', 'get', '200'), mine.body);
    expect(mine.body).toEqual([
      expect.objectContaining({
        id: b,
        config: expect.objectContaining({ subscriptionDetail: {} }) as unknown,
      }),
    ]);
  });

  it('reads one subscription (validated) and refuses another number’s to a 3-legged token', async () => {
    const { t, a } = await withTwo();
    const res = await t.call('GET', `${BASE}/${a}`);
    expect(res.status).toBe(200);
    expectValid(spec.response('/subscriptions/{subscriptionId}', 'get', '200'), res.body);
    const token = await t.issueToken({ phoneNumber: OTHER });
    const denied = await t.call('GET', `${BASE}/${a}`, { token });
    expectError(denied, 403, 'PERMISSION_DENIED', ['/subscriptions/{subscriptionId}', 'get']);
    const refused = await t.call('DELETE', `${BASE}/${a}`, { token });
    expectError(refused, 403, 'PERMISSION_DENIED', ['/subscriptions/{subscriptionId}', 'delete']);
  });

  it('404 NOT_FOUND for an unknown id; 400 for an id that cannot be one', async () => {
    const t = setup();
    const doc = (m: 'get' | 'delete'): [string, 'get' | 'delete'] => [
      '/subscriptions/{subscriptionId}',
      m,
    ];
    expectError(await t.call('GET', `${BASE}/unknown-id`), 404, 'NOT_FOUND', doc('get'));
    expectError(await t.call('DELETE', `${BASE}/unknown-id`), 404, 'NOT_FOUND', doc('delete'));
    expectError(
      await t.call('GET', `${BASE}/${encodeURIComponent('a b')}`),
      400,
      'INVALID_ARGUMENT',
      doc('get'),
    );
  });

  it('deletes with 204 and no body, then announces subscription-ended', async () => {
    const { t, a } = await withTwo();
    const res = await t.call('DELETE', `${BASE}/${a}`);
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
    expect(res.headers.get('x-correlator')).toBe(CORRELATOR);
    expect((await t.call('GET', `${BASE}/${a}`)).status).toBe(404);
    await t.sim.subscriptions.idle();
    expect(t.sent).toEqual([
      expect.objectContaining({
        type: 'org.camaraproject.sim-swap-subscriptions.v0.subscription-ended',
        data: expect.objectContaining({
          subscriptionId: a,
          terminationReason: 'SUBSCRIPTION_DELETED',
        }) as unknown,
      }),
    ]);
  });

  it.each<[string, string, Scope[]]>([
    ['GET', BASE, ['sim-swap-subscriptions:delete']],
    ['GET', `${BASE}/x`, ['sim-swap-subscriptions:delete']],
    ['DELETE', `${BASE}/x`, ['sim-swap-subscriptions:read']],
  ])('403 for %s %s without its scope; 401 without a token', async (method, path, scopes) => {
    const t = setup();
    const token = await t.issueToken({ scopes });
    expectError(await t.call(method, path, { token }), 403, 'PERMISSION_DENIED');
    expectError(await t.call(method, path, { token: null }), 401, 'UNAUTHENTICATED');
  });
});

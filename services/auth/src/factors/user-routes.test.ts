import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import { OpenAPIHono } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import type { AuthEnv } from '../http/env.ts';
import { factorServiceForTest, jsonPoster, withTenant } from './testing/factor-fixtures.ts';
import { SoftwareAuthenticator } from './testing/software-authenticator.ts';

const ORIGIN = 'http://localhost:8081';

function routes() {
  const ctx = factorServiceForTest([ORIGIN]);
  const a = withTenant(ctx.service.userRoutes(), 'bank-a');
  const b = withTenant(ctx.service.userRoutes(), 'bank-b');
  return { ...ctx, a, b, postA: jsonPoster(a), postB: jsonPoster(b) };
}

async function enrolPasskey(post: ReturnType<typeof jsonPoster>, userId = 'alice') {
  const authenticator = new SoftwareAuthenticator();
  const options = (await (
    await post(`/v1/users/${userId}/passkeys/options`)
  ).json()) as PublicKeyCredentialCreationOptionsJSON;
  const res = await post(`/v1/users/${userId}/passkeys`, authenticator.register(options, ORIGIN));
  expect(res.status).toBe(201);
  return authenticator;
}

describe('user routes', () => {
  it.each([
    ['POST', '/v1/users/-bad/totp'],
    ['POST', '/v1/users/a%2Fb/passkeys/options'],
    ['GET', '/v1/users/has%20space/factors'],
  ])('%s %s: an invalid user id is a 400 problem', async (method, path) => {
    const { a } = routes();
    const res = await a.request(path, { method });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ code: 'REQUEST.INVALID_PARAMETER', status: 400 });
  });

  it.each([
    ['/v1/users/alice/passkeys', '{"id":"x"}'],
    ['/v1/users/alice/totp/confirm', '{}'],
    ['/v1/users/alice/passkeys/options', '{"userName":""}'],
  ])('POST %s with %s: a 400 problem naming the fields', async (path, body) => {
    const { a } = routes();
    const res = await a.request(path, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      code: 'REQUEST.INVALID_BODY',
      errors: expect.any(Array) as unknown,
    });
  });

  it('answers a body that is not JSON with a 400 problem', async () => {
    const { a } = routes();
    const res = await a.request('/v1/users/alice/passkeys', {
      method: 'POST',
      body: '{"id":',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ code: 'REQUEST.MALFORMED_JSON' });
  });

  it('joins the service’s OpenAPI document when mounted at /v1/users', () => {
    const { service } = routes();
    const doc = new OpenAPIHono<AuthEnv>()
      .route('/v1/users', service.userRoutes())
      .getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'auth', version: '1' } });
    expect(Object.keys(doc.paths ?? {}).sort()).toEqual([
      '/v1/users/{userId}/factors',
      '/v1/users/{userId}/passkeys',
      '/v1/users/{userId}/passkeys/options',
      '/v1/users/{userId}/passkeys/{id}',
      '/v1/users/{userId}/totp',
      '/v1/users/{userId}/totp/confirm',
    ]);
  });

  it('lists the factors without any secret: no public key, no TOTP ciphertext', async () => {
    const { a, postA } = routes();
    await enrolPasskey(postA);
    await postA('/v1/users/alice/totp');
    const body = await (await a.request('/v1/users/alice/factors')).text();
    expect(JSON.parse(body)).toMatchObject({ methods: ['WEBAUTHN'], totp: { status: 'PENDING' } });
    expect(body).not.toMatch(/publicKey|secretCiphertext|secret|challenge/);
  });

  it('deletes a passkey (204), then answers 404 for it; the last one gone, nothing is enrolled', async () => {
    const { a, postA, service } = routes();
    const authenticator = await enrolPasskey(postA);
    const del = () =>
      a.request(`/v1/users/alice/passkeys/${authenticator.id}`, { method: 'DELETE' });
    expect((await del()).status).toBe(204);
    const again = await del();
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ code: 'RESOURCE.NOT_FOUND' });
    expect(await service.enrolledMethods('bank-a', 'alice')).toEqual([]);
  });

  it('keeps tenants apart: bank-b neither sees nor deletes bank-a’s passkey', async () => {
    const { a, b, postA } = routes();
    const authenticator = await enrolPasskey(postA);
    expect(await (await b.request('/v1/users/alice/factors')).json()).toMatchObject({
      methods: [],
      passkeys: [],
    });
    const del = await b.request(`/v1/users/alice/passkeys/${authenticator.id}`, {
      method: 'DELETE',
    });
    expect(del.status).toBe(404);
    expect(await (await a.request('/v1/users/alice/factors')).json()).toMatchObject({
      methods: ['WEBAUTHN'],
    });
  });

  it('refuses a registration response for a ceremony another tenant opened', async () => {
    const { postA, postB } = routes();
    const authenticator = new SoftwareAuthenticator();
    const options = (await (
      await postA('/v1/users/alice/passkeys/options')
    ).json()) as PublicKeyCredentialCreationOptionsJSON;
    const res = await postB('/v1/users/alice/passkeys', authenticator.register(options, ORIGIN));
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'AUTH.REGISTRATION_NOT_PENDING' });
  });

  it('refuses a TOTP confirmation before any enrolment (403 FACTOR_NOT_ENROLLED)', async () => {
    const { postA } = routes();
    const res = await postA('/v1/users/alice/totp/confirm', { code: '123456' });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'AUTH.FACTOR_NOT_ENROLLED' });
  });
});

import { describe, expect, it } from 'vitest';
import {
  ALICE,
  aliceProfile,
  alicePayment,
  memoryAdapters,
  T0,
  testApi,
  TENANT,
} from '../testing/harness.ts';

describe('users', () => {
  it('round-trips a profile and 404s an unknown user', async () => {
    const t = testApi({ adapters: memoryAdapters() });
    const put = await t.call('PUT', `/v1/users/${ALICE.userId}`, aliceProfile());
    expect(put.status).toBe(200);
    const got = await t.call('GET', `/v1/users/${ALICE.userId}`);
    expect(got.body).toEqual({
      userId: ALICE.userId,
      ...aliceProfile(),
      devices: [{ ...aliceProfile().devices[0], boundAt: '2026-05-05T10:00:00.000Z' }],
      freeze: { frozen: false },
    });
    const missing = await t.call('GET', '/v1/users/nobody');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('RESOURCE.NOT_FOUND');
  });

  it('rejects an invalid profile naming the fields', async () => {
    const t = testApi({ adapters: memoryAdapters() });
    const res = await t.call('PUT', '/v1/users/u-1', {
      ...aliceProfile(),
      devices: [{ id: 'd', boundAt: 'yesterday' }],
      enrolledFactors: ['SMS'],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors?.map((e) => e.path).sort()).toEqual([
      'devices.0.boundAt',
      'enrolledFactors.0',
    ]);
  });

  it('records failed logins that the failed-logins rule reads', async () => {
    const t = testApi({ adapters: memoryAdapters() });
    for (let i = 0; i < 3; i++) {
      const res = await t.call('POST', `/v1/users/${ALICE.userId}/failed-logins`, {});
      expect(res.status).toBe(202);
    }
    const snapshot = await t.adapters.state
      .forTenant(TENANT)
      .readSnapshot(ALICE.userId, ALICE.phoneNumber, {
        timeoutMs: 100,
      });
    expect(snapshot.history.failedLogins).toEqual([T0, T0, T0]);
  });
});

describe('operations endpoints', () => {
  it('healthz and readyz answer without credentials', async () => {
    const t = testApi({ adapters: memoryAdapters() });
    expect((await t.api.app.request('/healthz')).status).toBe(200);
    const ready = await t.api.app.request('/readyz');
    expect(ready.status).toBe(200);
  });

  it('readyz says 503 when the store does not answer', async () => {
    const t = testApi({ adapters: memoryAdapters() });
    t.adapters.state.setFault('ping', new Error('down'));
    const res = await t.api.app.request('/readyz');
    expect(res.status).toBe(503);
    expect(((await res.json()) as { code: string }).code).toBe('RISK.UNAVAILABLE');
  });

  it('serves an OpenAPI 3.1 document describing every public endpoint', async () => {
    const t = testApi({ adapters: memoryAdapters() });
    const doc = (await (await t.api.app.request('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/v1/assess-payment',
      '/v1/decisions/{decisionId}',
      '/v1/decisions/{decisionId}/outcome',
      '/v1/policy',
      '/v1/policy/backtest',
      '/v1/policy/history',
      '/v1/users/{userId}',
      '/v1/users/{userId}/behavior/enroll',
      '/v1/users/{userId}/behavior/sessions',
      '/v1/users/{userId}/failed-logins',
      '/v1/users/{userId}/unfreeze',
    ]);
    expect(Object.keys(doc.paths['/v1/assess-payment'] ?? {})).toEqual(['post']);
    expect(doc.components.schemas).toHaveProperty('AssessPaymentRequest');
    expect(doc.components.schemas).toHaveProperty('Decision');
    expect(doc.components.schemas).toHaveProperty('Problem');
    expect(doc.components.securitySchemes).toHaveProperty('Bearer');
  });

  it("documents telcoUsage's typed keys with an example the API accepts", async () => {
    const t = testApi({ adapters: memoryAdapters() });
    const doc = (await (await t.api.app.request('/openapi.json')).json()) as {
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    const usage = doc.components.schemas['AssessPaymentRequest']?.properties['telcoUsage'] as {
      description: string;
      example: Record<string, unknown>;
    };
    for (const key of ['cellTowerChanges24h', 'dataMb24h', 'usualSmsPerDay', 'roamingCountry']) {
      expect(usage.description).toContain(key);
    }
    const res = await t.call(
      'POST',
      '/v1/assess-payment',
      alicePayment({ telcoUsage: usage.example }),
    );
    expect(res.status).toBe(200);
  });

  it('serves the docs page and its assets locally (no CDN)', async () => {
    const t = testApi({ adapters: memoryAdapters() });
    const page = await t.api.app.request('/docs');
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).not.toMatch(/https?:\/\//);
    const js = await t.api.app.request('/docs/assets/swagger-ui-bundle.js');
    expect(js.status).toBe(200);
    expect((await js.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
  });

  it('mounts the demo SIM swap endpoint only in demo mode', async () => {
    const body = { swappedMinutesAgo: 5 };
    const plain = testApi({ adapters: memoryAdapters() });
    expect((await plain.call('PUT', `/demo/sim-swaps/${ALICE.phoneNumber}`, body)).status).toBe(
      404,
    );
    const demo = testApi({ adapters: memoryAdapters(), demo: true });
    const res = await demo.call('PUT', `/demo/sim-swaps/${ALICE.phoneNumber}`, body);
    expect(res.status).toBe(200);
    const signal = await demo.adapters.state.getSimSwapSignal(ALICE.phoneNumber);
    expect(signal?.lastSwapAt).toEqual(new Date(T0.getTime() - 5 * 60_000));
  });
});

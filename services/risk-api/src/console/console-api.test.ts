import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Decision } from '@sentinel/contracts';
import { BEHAVIOR_FEATURE_NAMES } from '@sentinel/engine';
import {
  ADMIN_KEY,
  API_KEY,
  OTHER_ADMIN_KEY,
  T0,
  alicePayment,
  memoryAdapters,
  testApi,
} from '../testing/harness.ts';
import { shieldCustomer, type ShieldCustomer } from '../testing/shield-customer.ts';
import type { FeatureInspection, InspectedFeature } from '@sentinel/console';
import { memoryFeedSource } from './feed-source.ts';

const admin = { authorization: `Bearer ${ADMIN_KEY}` };

function consoleApi(env: Record<string, string> = {}) {
  const base = memoryAdapters();
  return testApi({
    adapters: {
      ...base,
      consoleFeed: memoryFeedSource({ decisions: base.publisher, outcomes: base.outcomePublisher }),
    },
    env,
  });
}

describe('the analyst API: feature inspector and freeze', () => {
  let t: ReturnType<typeof consoleApi>;
  let customer: ShieldCustomer;

  const assess = async (body: Record<string, unknown>) => {
    const res = await t.call<Decision>('POST', '/v1/assess-payment', body);
    expect(res.status).toBe(200);
    await t.api.background.drain(1_000);
    return res.body;
  };

  beforeEach(async () => {
    t = consoleApi();
    customer = shieldCustomer(21, T0);
    const id = customer.user.userId;
    expect((await t.call('PUT', `/v1/users/${id}`, customer.profile)).status).toBe(200);
    const sessions = await t.call(
      'POST',
      `/v1/users/${id}/behavior/sessions`,
      customer.sessionsBody,
    );
    expect(sessions.status).toBe(201);
    expect((await t.call('POST', `/v1/users/${id}/behavior/enroll`, {})).status).toBe(201);
  });

  it('shows all 55 features: session value, baseline mean and std, z, |z| > 2.5 flagged', async () => {
    const payment = customer.payment('scenario_3');
    const decision = await assess(payment);
    const res = await t.call<FeatureInspection & { features: InspectedFeature[] }>(
      'GET',
      `/v1/console/decisions/${decision.decisionId}/features`,
      undefined,
      admin,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ scored: true, baselineVersion: 1, flagAboveZ: 2.5 });
    const features = res.body.features;
    expect(features.map((f) => f.name)).toEqual(BEHAVIOR_FEATURE_NAMES);
    const sent = (payment['behavior'] as { features: Record<string, number> }).features;
    for (const f of features) {
      expect(f.session).toBe(sent[f.name]);
      // The engine's z (two decimals) is what the session and the baseline give.
      if (f.mean !== null && f.std !== null && f.session !== null) {
        expect(f.z).toBeCloseTo((f.session - f.mean) / f.std, 1);
      }
    }
    const flagged = features.filter((f) => f.flagged);
    expect(flagged.length).toBeGreaterThan(0);
    expect(features.filter((f) => Math.abs(f.z) > 2.5).every((f) => f.flagged)).toBe(true);
    expect(decision.action).not.toBe('APPROVE');
  });

  it('says when a decision had no snapshot scored, and hides other tenants’ decisions', async () => {
    const { behavior: _none, ...plain } = customer.payment('legitimate');
    const decision = await assess(plain);
    const path = `/v1/console/decisions/${decision.decisionId}/features`;
    const mine = await t.call<FeatureInspection>('GET', path, undefined, admin);
    expect(mine.body).toMatchObject({
      scored: false,
      reason: 'The payment carried no behaviour snapshot',
    });
    const theirs = await t.call('GET', path, undefined, {
      authorization: `Bearer ${OTHER_ADMIN_KEY}`,
    });
    expect(theirs.status).toBe(404);
    expect((await t.call('GET', path)).status).toBe(403);
  });

  it('freezes a customer (denied ACCOUNT_FROZEN) until an admin unfreezes them', async () => {
    const userId = customer.user.userId;
    const decision = await assess(customer.payment('legitimate'));
    expect(decision.reasons.map((r) => r.code)).not.toContain('ACCOUNT_FROZEN');
    const frozen = await t.call<{ frozen: boolean; reason: string; decisionId: string }>(
      'POST',
      `/v1/console/users/${userId}/freeze`,
      { decisionId: decision.decisionId },
      admin,
    );
    expect(frozen).toMatchObject({
      status: 200,
      body: { frozen: true, reason: 'ANALYST_FREEZE', decisionId: decision.decisionId },
    });
    const denied = await assess(customer.payment('legitimate'));
    expect(denied.action).toBe('DENY');
    expect(denied.reasons.map((r) => r.code)).toContain('ACCOUNT_FROZEN');

    const unfrozen = await t.call<{ frozen: boolean }>(
      'POST',
      `/v1/users/${userId}/unfreeze`,
      { comment: 'called the customer' },
      admin,
    );
    expect(unfrozen.body.frozen).toBe(false);
    const after = await assess(customer.payment('legitimate'));
    expect(after.reasons.map((r) => r.code)).not.toContain('ACCOUNT_FROZEN');
  });

  it('refuses to freeze an unknown customer or with another customer’s decision', async () => {
    const other = await assess(alicePayment());
    const unknown = await t.call('POST', '/v1/console/users/nobody/freeze', {}, admin);
    expect(unknown.status).toBe(404);
    const mismatch = await t.call(
      'POST',
      `/v1/console/users/${customer.user.userId}/freeze`,
      { decisionId: other.decisionId },
      admin,
    );
    expect(mismatch.status).toBe(404);
    const invalid = await t.call(
      'POST',
      `/v1/console/users/${customer.user.userId}/freeze`,
      { reason: 'x' },
      admin,
    );
    expect(invalid).toMatchObject({ status: 400, body: { code: 'REQUEST.INVALID_BODY' } });
  });
});

describe('the analyst API: escrow proxy', () => {
  let server: Server;
  let seen: { method: string; url: string; authorization: string; body: string }[];

  beforeEach(async () => {
    seen = [];
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({
          method: req.method ?? '',
          url: req.url ?? '',
          authorization: req.headers.authorization ?? '',
          body,
        });
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ state: 'RELEASED' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('forwards holds and verifications with the caller’s own key, and answers what it answered', async () => {
    const port = (server.address() as AddressInfo).port;
    const t = consoleApi({ SENTINEL_ESCROW_BASE_URL: `http://127.0.0.1:${port}` });
    const escrowId = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    const verification = { method: 'CALL_CENTRE', result: 'PASSED', operator: 'cc-1' };
    const res = await t.call(
      'POST',
      `/v1/console/escrows/${escrowId}/verifications`,
      verification,
      admin,
    );
    expect(res).toMatchObject({ status: 201, body: { state: 'RELEASED' } });
    await t.call('GET', '/v1/console/escrows?status=HELD', undefined, admin);
    expect(seen).toEqual([
      {
        method: 'POST',
        url: `/v1/escrows/${escrowId}/verifications`,
        authorization: `Bearer ${ADMIN_KEY}`,
        body: JSON.stringify(verification),
      },
      {
        method: 'GET',
        url: '/v1/escrows?status=HELD',
        authorization: `Bearer ${ADMIN_KEY}`,
        body: '',
      },
    ]);
    // A client key never reaches the escrow through the console.
    const client = await t.call('GET', '/v1/console/escrows', undefined, {
      authorization: `Bearer ${API_KEY}`,
    });
    expect(client.status).toBe(403);
    expect(seen).toHaveLength(2);
  });

  it('says there is no escrow when none is configured (memory mode)', async () => {
    const t = consoleApi();
    const res = await t.call('GET', '/v1/console/escrows?status=HELD', undefined, admin);
    expect(res).toMatchObject({ status: 404, body: { code: 'RESOURCE.NOT_FOUND' } });
  });
});

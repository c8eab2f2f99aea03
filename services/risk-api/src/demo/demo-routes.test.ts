import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Decision } from '@sentinel/contracts';
import {
  ALICE,
  aliceProfile,
  alicePayment,
  memoryAdapters,
  OTHER_KEY,
  T0,
  testApi,
} from '../testing/harness.ts';

// The console's attack helpers, against a real loopback HTTP server standing in for the operator
// simulator's demo endpoints (it records what it is told).
const told: { method: string; path: string; body: unknown }[] = [];
const operator = createServer((req: IncomingMessage, res) => {
  let text = '';
  req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  req.on('end', () => {
    told.push({ method: req.method ?? '', path: req.url ?? '', body: JSON.parse(text) as unknown });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
let operatorUrl = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => operator.listen(0, '127.0.0.1', resolve));
  operatorUrl = `http://127.0.0.1:${(operator.address() as AddressInfo).port}/sim-swap/v2/demo`;
});
afterAll(() => new Promise((resolve) => operator.close(resolve)));

const demoApi = () =>
  testApi({
    adapters: memoryAdapters(),
    demo: true,
    env: { SENTINEL_DEMO_OPERATOR_URL: operatorUrl },
  });

describe('demo routes (local stack only)', () => {
  it('stages a SIM swap at the operator and in the stored signal; null clears it', async () => {
    told.length = 0;
    const t = demoApi();
    const swap = await t.call('PUT', `/demo/sim-swaps/${ALICE.phoneNumber}`, {
      swappedMinutesAgo: 5,
    });
    const fiveMinutesAgo = new Date(T0.getTime() - 5 * 60_000);
    expect(swap).toMatchObject({ status: 200, body: { operator: 'simulator' } });
    expect(told).toEqual([
      {
        method: 'PUT',
        path: `/sim-swap/v2/demo/numbers/${encodeURIComponent(ALICE.phoneNumber)}`,
        body: { lastSwapAt: fiveMinutesAgo.toISOString() },
      },
    ]);
    expect((await t.adapters.state.getSimSwapSignal(ALICE.phoneNumber))?.lastSwapAt).toEqual(
      fiveMinutesAgo,
    );
    await t.call('PUT', `/demo/sim-swaps/${ALICE.phoneNumber}`, { swappedMinutesAgo: null });
    expect(told[1]?.body).toEqual({ lastSwapAt: null });
    expect((await t.adapters.state.getSimSwapSignal(ALICE.phoneNumber))?.lastSwapAt).toBeNull();
  });

  it('a telco outage silences the operator and makes the named signals stale: the payment is held', async () => {
    told.length = 0;
    const t = demoApi();
    await t.call('PUT', `/v1/users/${ALICE.userId}`, aliceProfile());
    await t.call('PUT', `/demo/sim-swaps/${ALICE.phoneNumber}`, { swappedMinutesAgo: null });
    const outage = await t.call('PUT', '/demo/telco-outage', {
      on: true,
      staleNumbers: [ALICE.phoneNumber, '+27820000000'],
    });
    expect(outage).toMatchObject({
      status: 200,
      body: { on: true, madeStale: [ALICE.phoneNumber] },
    });
    expect(told.at(-1)).toEqual({
      method: 'PUT',
      path: '/sim-swap/v2/demo/outage',
      body: { on: true },
    });
    const paid = await t.call<Decision>(
      'POST',
      '/v1/assess-payment',
      alicePayment({ transactionId: 'demo-outage-1' }),
    );
    expect(paid.body.signals.simSwap.freshness).toBe('STALE');
    expect(paid.body.reasons.map((r) => r.code)).toContain('TELCO_SIGNAL_STALE');
    expect(paid.body.escrow?.status).toBe('HELD');
    const off = await t.call('PUT', '/demo/telco-outage', { on: false });
    expect(off).toMatchObject({ status: 200, body: { on: false, madeStale: [] } });
    expect(told.at(-1)?.body).toEqual({ on: false });
  });

  it('has no outage to stage without an operator simulator', async () => {
    const t = testApi({ adapters: memoryAdapters(), demo: true });
    const res = await t.call('PUT', '/demo/telco-outage', { on: true });
    expect(res).toMatchObject({ status: 404, body: { code: 'RESOURCE.NOT_FOUND' } });
  });

  it('keeps the page fixtures per tenant and refuses a bad one', async () => {
    const t = demoApi();
    const fixtures = {
      customers: [{ userId: ALICE.userId, name: 'Alice' }],
      snapshots: { own: { typing_speed_cpm: 212.5 } },
    };
    expect(await t.call('PUT', '/demo/fixtures', fixtures)).toMatchObject({
      status: 200,
      body: fixtures,
    });
    expect((await t.call('GET', '/demo/fixtures')).body).toEqual(fixtures);
    const other = await t.call('GET', '/demo/fixtures', undefined, {
      authorization: `Bearer ${OTHER_KEY}`,
    });
    expect(other.body).toEqual({ customers: [], snapshots: {} });
    const bad = await t.call('PUT', '/demo/fixtures', {
      customers: [],
      snapshots: { x: { y: 'z' } },
    });
    expect(bad).toMatchObject({ status: 400, body: { code: 'REQUEST.INVALID_BODY' } });
  });
});

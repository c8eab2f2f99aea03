import { describe, expect, it } from 'vitest';
import { specValidators } from '../testing/openapi.ts';
import { DAY, HOUR, T0, testSimulator } from '../testing/simulator-harness.ts';

// Success answers of both operations, each validated against its 200 schema in sim-swap.yaml.

const spec = specValidators('sim-swap.yaml');
const retrieveOk = spec.response('/retrieve-date', 'post', '200');
const checkOk = spec.response('/check', 'post', '200');
const PHONE = '+27821234567';
const ago = (ms: number) => new Date(T0.getTime() - ms).toISOString();

async function retrieve(numberState: Record<string, unknown>, settings = {}) {
  const t = testSimulator({ settings });
  await t.putNumber(PHONE, numberState);
  const res = await t.call('POST', '/sim-swap/v2/retrieve-date', {
    body: { phoneNumber: PHONE },
    headers: { 'x-correlator': 'corr-1' },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.headers.get('x-correlator')).toBe('corr-1');
  expect(retrieveOk(res.body), spec.errors(retrieveOk)).toBe(true);
  return res.body;
}

describe('POST /sim-swap/v2/retrieve-date', () => {
  it('answers the latest swap (retrieve_2)', async () => {
    expect(await retrieve({ swappedHoursAgo: 5 })).toEqual({ latestSimChange: ago(5 * HOUR) });
  });

  it('answers the activation date of a number never swapped (retrieve_3)', async () => {
    expect(await retrieve({ activatedAt: ago(30 * DAY) })).toEqual({
      latestSimChange: ago(30 * DAY),
    });
  });

  it('answers null for a number that never had a SIM (retrieve_4)', async () => {
    expect(await retrieve({ activatedAt: null })).toEqual({ latestSimChange: null });
  });

  it.each([
    ['a swap', { lastSwapAt: ago(120 * DAY + 1) }],
    ['an activation', { activatedAt: ago(121 * DAY) }],
  ])(
    'answers null with monitoredPeriod for %s before the 120-day window (retrieve_5)',
    async (_n, state) => {
      expect(await retrieve(state)).toEqual({ latestSimChange: null, monitoredPeriod: 120 });
    },
  );

  it('answers a swap exactly at the window edge', async () => {
    expect(await retrieve({ lastSwapAt: ago(120 * DAY) })).toEqual({
      latestSimChange: ago(120 * DAY),
    });
  });

  it('follows a configured monitored period', async () => {
    expect(await retrieve({ lastSwapAt: ago(31 * DAY) }, { monitoredPeriodDays: 30 })).toEqual({
      latestSimChange: null,
      monitoredPeriod: 30,
    });
  });

  it('discloses old dates when the operator monitors without a limit', async () => {
    expect(await retrieve({ activatedAt: ago(900 * DAY) }, { monitoredPeriodDays: null })).toEqual({
      latestSimChange: ago(900 * DAY),
    });
  });

  it('answers a 3-legged request with an empty body (RETRIEVE_3LEGS)', async () => {
    const t = testSimulator();
    await t.putNumber(PHONE, { swappedHoursAgo: 1 });
    const token = await t.issueToken({ phoneNumber: PHONE });
    const res = await t.call('POST', '/sim-swap/v2/retrieve-date', { token, body: {} });
    expect(res).toMatchObject({ status: 200, body: { latestSimChange: ago(HOUR) } });
    expect(res.headers.get('x-correlator')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('ignores properties the schema does not define', async () => {
    const t = testSimulator();
    await t.putNumber(PHONE, { swappedHoursAgo: 1 });
    const res = await t.call('POST', '/sim-swap/v2/retrieve-date', {
      body: { phoneNumber: PHONE, surprise: true },
    });
    expect(res.status).toBe(200);
  });
});

describe('POST /sim-swap/v2/check', () => {
  async function check(swappedHoursAgo: number | null, maxAge?: number) {
    const t = testSimulator();
    await t.putNumber(PHONE, swappedHoursAgo === null ? {} : { swappedHoursAgo });
    const token = await t.issueToken({ phoneNumber: PHONE });
    const res = await t.call('POST', '/sim-swap/v2/check', {
      token,
      body: maxAge === undefined ? {} : { maxAge },
    });
    expect(res.status).toBe(200);
    expect(checkOk(res.body), spec.errors(checkOk)).toBe(true);
    return (res.body as { swapped: boolean }).swapped;
  }

  it.each([
    ['swapped 239 h ago, default maxAge 240 (check_2)', 239, undefined, true],
    ['swapped 240 h ago, default maxAge (edge inclusive)', 240, undefined, true],
    ['swapped 241 h ago, default maxAge (check_4)', 241, undefined, false],
    ['swapped 260 h ago, maxAge 260 (check_3)', 260, 260, true],
    ['swapped 12 h ago, maxAge 11 (check_5)', 12, 11, false],
    ['never swapped, activated long ago (check_6)', null, undefined, false],
    ['never swapped, maxAge 2400 (check_7)', null, 2400, false],
  ])('%s', async (_name, hours, maxAge, swapped) => {
    expect(await check(hours, maxAge)).toBe(swapped);
  });

  it('answers a 2-legged request with phoneNumber and maxAge (CHECK_2LEGS)', async () => {
    const t = testSimulator();
    await t.putNumber(PHONE, { swappedHoursAgo: 100 });
    const res = await t.call('POST', '/sim-swap/v2/check', {
      body: { phoneNumber: PHONE, maxAge: 120 },
    });
    expect(res).toMatchObject({ status: 200, body: { swapped: true } });
  });
});

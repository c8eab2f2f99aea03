import { BEHAVIOR_FEATURE_NAMES } from '@sentinel/engine';
import { beforeEach, describe, expect, it } from 'vitest';
import { memoryAdapters, settableClock, T0, testApi, TENANT } from '../testing/harness.ts';
import { shieldCustomer } from '../testing/shield-customer.ts';
import type { ProblemBody } from './problem.ts';

const { sessionsBody } = shieldCustomer(21, T0, { enrolmentSessions: 200 });
const sessions = sessionsBody.sessions;
const one = (i = 0) => ({ ...(sessions[i]?.features ?? {}) });
const PATH = '/v1/users/u-bob/behavior/sessions';

interface Stored {
  readonly added: number;
  readonly total: number;
  readonly dropped: number;
  readonly maxKept: number;
}
interface Baseline {
  readonly userId: string;
  readonly version: number;
  readonly n: number;
  readonly meanTrainingDistance: number;
  readonly fittedAt: string;
  readonly schemaVersion: string;
}

describe('POST /v1/users/{userId}/behavior/sessions and …/enroll', () => {
  let t: ReturnType<typeof testApi<ReturnType<typeof memoryAdapters>>>;

  beforeEach(() => {
    t = testApi({ adapters: memoryAdapters(), clock: settableClock(T0) });
  });

  it('stores up to 200 sessions per call (a body above 64 KiB) and reports the total', async () => {
    const body = { sessions };
    expect(JSON.stringify(body).length).toBeGreaterThan(64 * 1024);
    const res = await t.call<Stored>('POST', PATH, body);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ userId: 'u-bob', added: 200, total: 200, dropped: 0, maxKept: 500 });
    const more = await t.call<Stored>('POST', PATH, { sessions: sessions.slice(0, 5) });
    expect(more.body).toMatchObject({ added: 5, total: 205 });
    expect(await t.adapters.state.forTenant(TENANT).listSessions('u-bob')).toHaveLength(205);
  });

  it.each([
    [
      'an unknown feature',
      { ...one(), tap_presure_mean: 0.5 },
      'sessions.0.features.tap_presure_mean',
      'unknown feature',
    ],
    [
      'a missing feature',
      Object.fromEntries(Object.entries(one()).filter(([k]) => k !== 'words_per_minute')),
      'sessions.0.features.words_per_minute',
      'missing (1 missing, at most 0 may be)',
    ],
    [
      'a value that is not a number',
      { ...one(), words_per_minute: '38' },
      'sessions.0.features.words_per_minute',
      'must be a finite number',
    ],
  ])('rejects %s with a 400 naming it, storing nothing', async (_, features, path, message) => {
    const res = await t.call('POST', PATH, { sessions: [{ features }] });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('REQUEST.INVALID_BODY');
    expect(res.body.errors).toEqual([{ path, message }]);
    expect(res.body.detail).toContain(path);
    expect(await t.adapters.state.forTenant(TENANT).listSessions('u-bob')).toEqual([]);
  });

  it('rejects a non-finite value (JSON 1e999 is Infinity) and names the session', async () => {
    const good = JSON.stringify(one(1));
    const bad = JSON.stringify(one(2)).replace(/"error_rate":[^,}]+/, '"error_rate":1e999');
    expect(bad).toContain('1e999');
    const res = await t.call(
      'POST',
      PATH,
      `{"sessions":[{"features":${good}},{"features":${bad}}]}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: 'sessions.1.features.error_rate', message: 'must be a finite number' },
    ]);
  });

  it('caps the listed problems at 50 but counts them all', async () => {
    const res = await t.call('POST', PATH, { sessions: [{}, {}].map(() => ({ features: {} })) });
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveLength(50);
    expect(res.body.detail).toMatch(/^110 invalid feature\(s\): sessions\.0\.features\./);
  });

  it.each([
    ['no session', { sessions: [] }, 'sessions'],
    ['201 sessions', { sessions: [...sessions, sessions[0]] }, 'sessions'],
    ['an unknown field', { sessions: [{ features: one(), label: 'x' }] }, 'sessions.0.label'],
    [
      'a feature name that is not an identifier',
      { sessions: [{ features: { 'a-b': 1 } }] },
      'sessions.0.features.a-b',
    ],
  ])('rejects %s', async (_, body, path) => {
    const res = await t.call('POST', PATH, body);
    expect(res.status).toBe(400);
    expect(res.body.errors?.map((e) => e.path)).toContain(path);
  });

  it('keeps 512 KiB for session uploads and 64 KiB everywhere else', async () => {
    const padding = ' '.repeat(513 * 1024);
    const big = await t.call('POST', PATH, `{"sessions":[]${padding}}`);
    expect(big.status).toBe(413);
    expect(big.body.detail).toContain('512 KiB');
    const payment = await t.call('POST', '/v1/assess-payment', `{${' '.repeat(65 * 1024)}}`);
    expect(payment.status).toBe(413);
    expect(payment.body.detail).toContain('64 KiB');
  });

  it('answers 422 BEHAVIOR.NOT_ENOUGH_SESSIONS with the count below 10', async () => {
    await t.call('POST', PATH, { sessions: sessions.slice(0, 9) });
    const res = await t.call<ProblemBody & { sessions: number; minSessions: number }>(
      'POST',
      '/v1/users/u-bob/behavior/enroll',
      {},
    );
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'BEHAVIOR.NOT_ENOUGH_SESSIONS',
      sessions: 9,
      minSessions: 10,
    });
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const never = await t.call('POST', '/v1/users/u-nobody/behavior/enroll', {});
    expect(never.body).toMatchObject({ code: 'BEHAVIOR.NOT_ENOUGH_SESSIONS', sessions: 0 });
  });

  it('answers 422 BEHAVIOR.DEGENERATE for sessions that never vary', async () => {
    await t.call('POST', PATH, {
      sessions: Array.from({ length: 10 }, () => ({ features: one() })),
    });
    const res = await t.call('POST', '/v1/users/u-bob/behavior/enroll', {});
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('BEHAVIOR.DEGENERATE');
  });

  it('fits from every kept session and bumps the version on each enrolment', async () => {
    await t.call('POST', PATH, { sessions: sessions.slice(0, 10) });
    const first = await t.call<Baseline>('POST', '/v1/users/u-bob/behavior/enroll', {});
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      userId: 'u-bob',
      version: 1,
      n: 10,
      schemaVersion: 'sentinel-55/1',
      fittedAt: T0.toISOString(),
    });
    expect(first.body.meanTrainingDistance).toBeGreaterThan(0);
    await t.call('POST', PATH, { sessions: sessions.slice(10, 40) });
    const second = await t.call<Baseline>('POST', '/v1/users/u-bob/behavior/enroll', {});
    expect(second.body).toMatchObject({ version: 2, n: 40 });
    const stored = await t.adapters.state.forTenant(TENANT).getBaseline('u-bob');
    expect(stored?.version).toBe(2);
    expect(stored?.features).toEqual(BEHAVIOR_FEATURE_NAMES);
    expect(await t.call('POST', '/v1/users/u-bob/behavior/enroll', { force: true })).toMatchObject({
      status: 400,
    });
  });
});

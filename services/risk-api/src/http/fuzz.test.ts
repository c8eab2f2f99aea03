// Fuzzing the HTTP edge with fast-check: valid payments, the same payments mutated (wrong types,
// huge strings, deep nesting, unicode with lone surrogates, prototype-pollution keys, NaN /
// Infinity / -0 / 1e400 as JSON text, truncation, extra and missing fields), wrong content types
// and random JSON on the admin endpoints. Never a 5xx, every 4xx is problem+json, valid payments
// are always decided, and Object.prototype is untouched afterwards. fast-check picks a seed per
// run and prints it, with the shrunk counterexample, when a property fails:
// `fc.assert(..., { seed, path })` replays it.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_KEY,
  ALICE,
  API_KEY,
  aliceProfile,
  memoryAdapters,
  settableClock,
  T0,
  testApi,
} from '../testing/harness.ts';
import {
  DEEP_ARRAYS,
  DEEP_OBJECTS,
  mutation,
  validPaymentBody,
  type JsonObject,
} from '../testing/payment-arbitraries.ts';
import { MAX_BODY_BYTES } from './body-guards.ts';
import { DecisionSchema } from './schemas.ts';

const t = testApi({ adapters: memoryAdapters(), clock: settableClock(T0) });
const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
let seq = 0;

beforeAll(async () => {
  expect((await t.call('PUT', `/v1/users/${ALICE.userId}`, aliceProfile())).status).toBe(200);
  await t.adapters.state.putSimSwapSignal({
    phoneNumber: ALICE.phoneNumber,
    lastSwapAt: null,
    checkedAt: T0,
    source: 'camara',
  });
});

afterAll(() => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(t.logs.filter((l) => l['message'] === 'unhandled error')).toEqual([]);
});

// Keep transactionIds unique per run so a mutated body never collides with an earlier one (that
// would be a legitimate 409).
const validPayment: fc.Arbitrary<JsonObject> = validPaymentBody.map((p) => ({
  ...p,
  transactionId: `${p['transactionId'] as string}-${++seq}`,
}));

// --- the properties ------------------------------------------------------------------------------

const MUTATED_STATUSES = [200, 400, 409, 413, 415];

async function post(path: string, text: string, contentType: string | null, key = API_KEY) {
  const res = await t.api.app.request(path, {
    method: path === '/v1/assess-payment' ? 'POST' : 'PUT',
    headers: {
      authorization: `Bearer ${key}`,
      ...(contentType === null ? {} : { 'content-type': contentType }),
    },
    body: text,
  });
  const raw = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), raw };
}

/** Every 4xx is RFC 9457 problem+json naming its status and a stable code; no stack traces. */
function expectProblemShape(res: Awaited<ReturnType<typeof post>>) {
  expect(res.status).toBeLessThan(500);
  expect(res.raw).not.toMatch(/\n\s+at /);
  if (res.status >= 400) {
    expect(res.type).toBe('application/problem+json');
    const problem = JSON.parse(res.raw) as { status: unknown; code: unknown; title: unknown };
    expect(problem.status).toBe(res.status);
    expect(typeof problem.code).toBe('string');
    expect(typeof problem.title).toBe('string');
  }
}

describe('fuzzing POST /v1/assess-payment', () => {
  it('decides every valid payment', async () => {
    await fc.assert(
      fc.asyncProperty(validPayment, async (body) => {
        const res = await post('/v1/assess-payment', JSON.stringify(body), 'application/json');
        expect(res.status, res.raw).toBe(200);
        expect(DecisionSchema.safeParse(JSON.parse(res.raw)).success).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('answers every mutated payment with a decision or a problem, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        validPayment,
        mutation,
        fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
        async (body, { apply }, picks) => {
          let i = 0;
          const text = apply(body, (n) => (n === 0 ? 0 : (picks[i++ % picks.length] ?? 0) % n));
          const res = await post('/v1/assess-payment', text, 'application/json');
          expectProblemShape(res);
          expect(MUTATED_STATUSES).toContain(res.status);
          if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
            expect(res.status).toBe(413);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses every body that is not sent as JSON with 415', async () => {
    const contentType = fc.oneof(
      fc.constantFrom(
        null,
        '',
        'text/plain',
        'text/json',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/jsonx',
        'application/json-seq',
      ),
      fc.string({ unit: 'grapheme-ascii', maxLength: 40 }).filter((s) => !/json/i.test(s)),
    );
    await fc.assert(
      fc.asyncProperty(validPayment, contentType, async (body, type) => {
        const res = await post('/v1/assess-payment', JSON.stringify(body), type);
        expectProblemShape(res);
        expect(res.status).toBe(415);
      }),
      { numRuns: 100 },
    );
  });
});

describe('fuzzing the admin endpoints with random JSON', () => {
  it.each([`/v1/users/${ALICE.userId}`, '/v1/policy'])('%s never answers a 5xx', async (path) => {
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
      fc.constantFrom(DEEP_ARRAYS, DEEP_OBJECTS),
    );
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const res = await post(path, text, 'application/json', ADMIN_KEY);
        expectProblemShape(res);
        expect(res.status).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: 100 },
    );
  });
});

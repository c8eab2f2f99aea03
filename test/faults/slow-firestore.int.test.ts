// A slow Firestore (every byte 200 ms late each way through the proxy, so a round trip ≥ 400 ms)
// at the production budget of 50 ms. The read, whose deadline comes from the budget, gives up in
// time and the safe action is answered. The durable commit has its own deadline
// (SENTINEL_COMMIT_TIMEOUT_MS, docs/architecture.md: it arbitrates idempotency across instances):
// - a commit slower than the budget but within its deadline is waited for, so the answer comes
//   after one commit round trip (≈ 400 ms here), recorded, by design;
// - a commit slower than its deadline is abandoned at the deadline; the decision is answered
//   and rescued by the fallback outbox, and from then on (commits known to fail) the answers are
//   back within the budget. When Firestore is fast again everything rescued is recorded and
//   published, and a retry of a rescued transaction gets the same decision.
// Measured figures are attached as annotations (--reporter=verbose).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Decision } from '@sentinel/contracts';
import { TENANT } from '@sentinel/risk-api/testing';
import {
  deliveryOf,
  serverTiming,
  startFaultStack,
  until,
  withLoopDelay,
  type FaultStack,
  asStored,
} from './fault-stack.ts';

const BUDGET_MS = 50; // production
const READ_BUDGET_MS = BUDGET_MS * 0.6; // assess-payment.ts keeps 40 % for the commit
const DELAY_MS = 200; // each way
// Serialising and parsing the answer, and timers a little late: 100 ms, plus however late the
// event loop ran meanwhile (other test files and the emulators share two cores; that lateness is
// not what is tested). A delayed round trip alone is ≥ 400 ms.
const MARGIN_MS = 100;

async function slowStack(commitTimeoutMs: number) {
  const stack = await startFaultStack({
    prefix: `fault-slow-${commitTimeoutMs}`,
    env: {
      SENTINEL_LATENCY_BUDGET_MS: String(BUDGET_MS),
      SENTINEL_COMMIT_TIMEOUT_MS: String(commitTimeoutMs),
      SENTINEL_OUTBOX_SWEEP_MS: '600000',
    },
  });
  stack.firestoreProxy.setMode({ kind: 'delay', ms: DELAY_MS });
  return stack;
}

const range = (xs: readonly number[]) =>
  `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)} ms`;

function expectSafeStepUp(decision: Decision) {
  expect(decision.action).toBe('STEP_UP');
  expect(decision.reasons.map((r) => r.code)).toEqual(['DEPENDENCY_UNAVAILABLE']);
  expect(decision.escrow?.status).toBe('HELD');
}

describe('slow Firestore, commit within its deadline', () => {
  let stack: FaultStack;
  beforeAll(async () => {
    stack = await slowStack(1_000);
  });
  afterAll(async () => {
    await stack.close();
  });

  it('gives up the read at its deadline and waits for the commit', async ({ annotate }) => {
    const { value: answers, loopDelayMs } = await withLoopDelay(async () => {
      const sequential = [];
      for (let i = 0; i < 5; i++) {
        sequential.push(await stack.assess());
      }
      return sequential;
    });
    const timings = answers.map((r) => serverTiming(r.headers));
    for (const [i, res] of answers.entries()) {
      expect(res.status).toBe(200);
      expectSafeStepUp(res.body);
      expect(timings[i]?.read).toBeLessThan(READ_BUDGET_MS + MARGIN_MS + loopDelayMs);
      // Waited for: at least one delayed round trip, never past the commit deadline.
      expect(timings[i]?.commit).toBeGreaterThanOrEqual(2 * DELAY_MS);
      expect(timings[i]?.commit).toBeLessThan(1_000 + MARGIN_MS + loopDelayMs);
    }
    // Recorded by the commit itself: nothing was rescued.
    expect(stack.api.fallback.size).toBe(0);
    stack.firestoreProxy.setMode({ kind: 'pass' });
    for (const { body } of answers) {
      expect((await stack.adminLog.get(TENANT, body.decisionId))?.decision).toEqual(asStored(body));
    }
    await annotate(
      `reads ${range(timings.map((t) => t.read))} (deadline ${READ_BUDGET_MS} ms), commits ` +
        `${range(timings.map((t) => t.commit))}, answers ${range(answers.map((r) => r.ms))} ` +
        `(event loop late by up to ${loopDelayMs.toFixed(0)} ms); 0 rescued`,
    );
  });
});

describe('slow Firestore, commit past its deadline', () => {
  const COMMIT_TIMEOUT_MS = 250; // below one delayed round trip
  let stack: FaultStack;
  beforeAll(async () => {
    stack = await slowStack(COMMIT_TIMEOUT_MS);
  });
  afterAll(async () => {
    await stack.close();
  });

  it('answers at the commit deadline, then within the budget, and rescues every decision', async ({
    annotate,
  }) => {
    const { value: first, loopDelayMs: firstDelay } = await withLoopDelay(() => stack.assess());
    expectSafeStepUp(first.body);
    const firstTiming = serverTiming(first.headers);
    expect(firstTiming.read).toBeLessThan(READ_BUDGET_MS + MARGIN_MS + firstDelay);
    // Abandoned at the deadline (timers never fire early; 1 ms for rounding), not later.
    expect(firstTiming.commit).toBeGreaterThanOrEqual(COMMIT_TIMEOUT_MS - 1);
    expect(firstTiming.commit).toBeLessThan(COMMIT_TIMEOUT_MS + MARGIN_MS + firstDelay);
    expect(first.ms).toBeLessThan(BUDGET_MS + COMMIT_TIMEOUT_MS + MARGIN_MS + firstDelay);
    expect(stack.api.fallback.size).toBe(1);

    // Commits are known to fail now: the rest are answered within the budget.
    const { value: rest, loopDelayMs } = await withLoopDelay(() =>
      Promise.all(Array.from({ length: 10 }, () => stack.assess())),
    );
    for (const res of rest) {
      expect(res.status).toBe(200);
      expectSafeStepUp(res.body);
      expect(res.ms).toBeLessThan(BUDGET_MS + MARGIN_MS + loopDelayMs);
    }
    const answered = [first, ...rest];
    expect(stack.api.fallback.size).toBe(answered.length);

    // Firestore is fast again. The abandoned commits may have landed meanwhile (they were only
    // slow): the fallback outbox finds each recorded under its own id and only delivers it.
    stack.firestoreProxy.setMode({ kind: 'pass' });
    await until(
      async () => {
        await stack.api.fallback.flush();
        return stack.api.fallback.size === 0;
      },
      20_000,
      'fallback outbox drained',
    );
    for (const { body } of answered) {
      expect((await stack.adminLog.get(TENANT, body.decisionId))?.decision).toEqual(asStored(body));
    }
    const ids = answered.map((r) => r.body.decisionId);
    await until(() => deliveryOf(stack.delivered, ids).missing.length === 0, 20_000, 'delivered');
    const { duplicates } = deliveryOf(stack.delivered, ids);
    const retry = await stack.call<Decision>('POST', '/v1/assess-payment', first.sent);
    expect(retry.body.decisionId).toBe(first.body.decisionId);
    expect(retry.headers.get('sentinel-replayed')).toBe('true');

    await annotate(
      `first answer ${first.ms.toFixed(0)} ms (read ${firstTiming.read.toFixed(0)}, commit ` +
        `${firstTiming.commit.toFixed(0)} of ${COMMIT_TIMEOUT_MS} ms), next ${rest.length} ` +
        `${range(rest.map((r) => r.ms))} (budget ${BUDGET_MS}, event loop late by up to ` +
        `${loopDelayMs.toFixed(0)} ms); ${answered.length} rescued, all recorded and ` +
        `delivered, ${duplicates} duplicates`,
    );
  });
});

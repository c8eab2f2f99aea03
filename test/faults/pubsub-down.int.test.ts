// Pub/Sub down (connections refused, or a black hole) while 50 payments flow: every payment is
// answered, every event waits in the Firestore outbox, and once Pub/Sub is back the outbox sweep
// (its own timer, no restart, no test call) delivers every decision to a subscription read
// directly from the emulator. Measured figures are attached as annotations (--reporter=verbose).
import { ACTIONS } from '@sentinel/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryOf, startFaultStack, until, type FaultStack } from './fault-stack.ts';

const PAYMENTS = 50;
const CONCURRENCY = 10;
// Not under test here, and the emulator shares two cores with parallel test files: a budget that
// normal reads always meet keeps the answers normal decisions.
const BUDGET_MS = 2_000;
// What the relay may take once Pub/Sub is back: gRPC reconnect backoff after refused connections
// (≈ 1–4 s measured) plus a few sweeps.
const RECOVERY_MS = 20_000;

let stack: FaultStack;

beforeAll(async () => {
  stack = await startFaultStack({
    prefix: 'fault-pubsub',
    env: {
      SENTINEL_LATENCY_BUDGET_MS: String(BUDGET_MS),
      // A publish that gets no answer fails fast, so the outbox holds the event soon.
      SENTINEL_PUBLISH_TIMEOUT_MS: '500',
      // Sweep often, and leave entries to the after-answer delivery for 1 s first.
      SENTINEL_OUTBOX_SWEEP_MS: '250',
      SENTINEL_OUTBOX_GRACE_MS: '1000',
    },
  });
});

afterAll(async () => {
  await stack.close();
});

describe.each(['refuse', 'blackhole'] as const)('Pub/Sub %s', (kind) => {
  it(`answers all ${PAYMENTS} payments and delivers every decision once it returns`, async ({
    annotate,
  }) => {
    stack.pubsubProxy.setMode({ kind });
    const answers = [];
    for (let i = 0; i < PAYMENTS; i += CONCURRENCY) {
      // One payer each: concurrent payments of one payer contend on its history document, which
      // is not what this test is about (10 at once took the emulator 7 s to apply).
      const wave = Array.from({ length: CONCURRENCY }, (_, j) =>
        stack.assess({ userId: `u-${kind}-${i + j}` }),
      );
      answers.push(...(await Promise.all(wave)));
    }
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));
    for (const { body } of answers) {
      expect(ACTIONS).toContain(body.action);
      expect(body.reasons.map((r) => r.code)).not.toContain('DEPENDENCY_UNAVAILABLE');
    }
    const ids = answers.map((r) => r.body.decisionId);
    expect(new Set(ids).size).toBe(PAYMENTS);
    const slowest = Math.max(...answers.map((r) => r.ms));

    // Every after-answer delivery fails; the events are kept in the outbox, none reached the topic.
    await until(() => stack.api.background.size === 0, 10_000, 'after-answer deliveries settled');
    const pending = await stack.adminLog.dueOutbox(new Date(Date.now() + 3_600_000), 1_000);
    expect(pending.map((r) => r.decision.decisionId)).toEqual(expect.arrayContaining(ids));
    expect(deliveryOf(stack.delivered, ids).missing).toEqual(ids);

    stack.pubsubProxy.setMode({ kind: 'pass' });
    const back = performance.now();
    await until(
      () => deliveryOf(stack.delivered, ids).missing.length === 0,
      RECOVERY_MS,
      'every decision delivered',
    );
    const deliveredMs = performance.now() - back;
    // The outbox empties (each entry completed after its publish) …
    await until(
      async () =>
        (await stack.adminLog.dueOutbox(new Date(Date.now() + 3_600_000), 1_000)).length === 0,
      10_000,
      'outbox empty',
    );
    // … and a late duplicate would show up by now: a decision made after the drain has arrived,
    // published after every earlier publish landed (the emulator delivers a subscription in
    // publish order). Waiting for it replaces a fixed sleep.
    const marker = await stack.assess({ userId: `u-${kind}-marker` });
    await until(
      () => stack.delivered.has(marker.body.decisionId),
      RECOVERY_MS,
      'a decision made after the drain delivered',
    );
    const { missing, duplicates } = deliveryOf(stack.delivered, ids);
    expect(missing).toEqual([]);
    // At least once: a publish that timed out may still have landed; copies are counted, bounded.
    expect(duplicates).toBeLessThanOrEqual(PAYMENTS);

    await annotate(
      `${kind}: ${PAYMENTS} answered (slowest ${slowest.toFixed(0)} ms), ${pending.length} kept ` +
        `in the outbox; all delivered ${deliveredMs.toFixed(0)} ms after Pub/Sub returned, ` +
        `${missing.length} missing, ${duplicates} duplicates`,
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { OutcomeEvent } from '@sentinel/contracts';
import { aStepUpRecord, at, minutes } from '@sentinel/contracts/testing';
import { silentLogger } from '@sentinel/kernel';
import { MemoryDecisionLog } from '@sentinel/store';
import type { OutcomePublisher } from '../ports/outcome-publisher.ts';
import { createOutcomeRelay } from './outcome-relay.ts';

/** A publisher whose publishes wait until the test releases them. */
function gatedPublisher() {
  const events: OutcomeEvent[] = [];
  const gates: (() => void)[] = [];
  const publisher: OutcomePublisher = {
    publish: (event) =>
      new Promise<void>((resolve) => {
        gates.push(() => {
          events.push(event);
          resolve();
        });
      }),
  };
  return { publisher, events, release: () => gates.splice(0).forEach((open) => open()) };
}

describe('the outcome relay', () => {
  it('does not publish again from the sweep what it is publishing right now', async () => {
    const log = new MemoryDecisionLog();
    const record = aStepUpRecord();
    await log.record(record);
    const { challenge } = (await log.challenges
      .forTenant(record.clientId)
      .update(record.challenge.id, (c) => ({
        ...c,
        status: 'PASSED',
        passedWith: 'TOTP',
        completedAt: at(minutes(1)),
      }))) ?? { challenge: record.challenge };
    const gated = gatedPublisher();
    const relay = createOutcomeRelay({
      challenges: log.challenges,
      publisher: gated.publisher,
      logger: silentLogger,
    });
    relay.publishSoon(record.clientId, challenge);
    // The outbox entry is still there while the publish waits for the broker.
    expect((await log.challenges.dueOutcomes(10)).map((d) => d.challenge.id)).toEqual([
      challenge.id,
    ]);
    expect(await relay.sweep()).toBe(0);
    gated.release();
    await relay.settle();
    expect(gated.events.map((e) => e.decisionId)).toEqual([challenge.id]);
    expect(await log.challenges.dueOutcomes(10)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { toOutcomeEvent, type OutcomeEvent } from '@sentinel/contracts';
import { aStepUpRecord } from '@sentinel/contracts/testing';
import { MemoryOutcomeEventPublisher } from './memory-outcome-event-publisher.ts';

const anOutcome = (): OutcomeEvent => {
  const { challenge } = aStepUpRecord();
  return toOutcomeEvent('bank-a', {
    ...challenge,
    status: 'PASSED',
    passedWith: 'WEBAUTHN',
    completedAt: new Date(challenge.createdAt.getTime() + 30_000),
  });
};

describe('MemoryOutcomeEventPublisher', () => {
  it('keeps the newest maxKept events, read back through the consumers’ parser', async () => {
    const publisher = new MemoryOutcomeEventPublisher({ maxKept: 2 });
    const events = [anOutcome(), anOutcome(), anOutcome()];
    for (const e of events) {
      await publisher.publish(e);
    }
    expect(publisher.events).toEqual(events.slice(1));
  });

  it('tells listeners, and refuses and keeps nothing while the broker is down', async () => {
    const publisher = new MemoryOutcomeEventPublisher();
    const heard: string[] = [];
    publisher.subscribe((e) => heard.push(e.decisionId));
    publisher.setAvailable(false);
    await expect(publisher.publish(anOutcome())).rejects.toThrow('outcome broker is down');
    publisher.setAvailable(true);
    const accepted = anOutcome();
    await publisher.publish(accepted);
    expect(publisher.events).toEqual([accepted]);
    expect(heard).toEqual([accepted.decisionId]);
  });
});

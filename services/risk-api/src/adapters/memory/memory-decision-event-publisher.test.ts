import { describe, expect, it } from 'vitest';
import { aDecisionRecord } from '@sentinel/contracts/testing';
import { toDecisionEvent, type DecisionEvent } from '@sentinel/contracts';
import { createPseudonymiser } from '@sentinel/contracts';
import { MemoryDecisionEventPublisher } from './memory-decision-event-publisher.ts';

const pseudonymise = createPseudonymiser('unit-test-pseudonym-key');
const anEvent = (): DecisionEvent => toDecisionEvent(aDecisionRecord(), pseudonymise);

describe('MemoryDecisionEventPublisher', () => {
  it('keeps accepted events in order and tells every listener until it unsubscribes', async () => {
    const publisher = new MemoryDecisionEventPublisher();
    const heard: string[] = [];
    const unsubscribe = publisher.subscribe((e) => heard.push(e.decisionId));
    const [a, b] = [anEvent(), anEvent()];
    await publisher.publish(a);
    unsubscribe();
    await publisher.publish(b);
    expect(publisher.events).toEqual([a, b]);
    expect(heard).toEqual([a.decisionId]);
  });

  it('refuses and keeps nothing while the broker is down', async () => {
    const publisher = new MemoryDecisionEventPublisher();
    publisher.setAvailable(false);
    await expect(publisher.publish(anEvent())).rejects.toMatchObject({
      name: 'EventPublishError',
      code: 'RISK.EVENT_PUBLISH_FAILED',
    });
    expect(publisher.events).toEqual([]);
    publisher.setAvailable(true);
    await publisher.publish(anEvent());
    expect(publisher.events).toHaveLength(1);
  });

  it('hands out copies and keeps only the newest maxKept events', async () => {
    const publisher = new MemoryDecisionEventPublisher({ maxKept: 2 });
    const events = [anEvent(), anEvent(), anEvent()];
    for (const e of events) {
      await publisher.publish(e);
    }
    (publisher.events as DecisionEvent[]).length = 0;
    expect(publisher.events).toEqual(events.slice(1));
  });

  it('still accepts the event when a listener throws, and reports the listener', async () => {
    const warnings: string[] = [];
    const publisher = new MemoryDecisionEventPublisher({
      logger: { warn: (message) => warnings.push(message) },
    });
    publisher.subscribe(() => {
      throw new Error('console went away');
    });
    await publisher.publish(anEvent());
    expect(publisher.events).toHaveLength(1);
    expect(warnings).toEqual(['decision event listener failed']);
  });

  it('fails, hangs or picks a fault per event while one is set, and counts every attempt', async () => {
    const publisher = new MemoryDecisionEventPublisher();
    const [a, b, c] = [anEvent(), anEvent(), anEvent()];
    publisher.setFault(new Error('broker down'));
    await expect(publisher.publish(a)).rejects.toThrow('broker down');
    publisher.setFault((event) => (event.decisionId === a.decisionId ? new Error('locked') : null));
    await expect(publisher.publish(a)).rejects.toThrow('locked');
    await publisher.publish(b);
    publisher.setFault('hang');
    let settled = false;
    void publisher.publish(c).finally(() => {
      settled = true;
    });
    publisher.setFault(null);
    await publisher.publish(c);
    expect(settled).toBe(false);
    expect(publisher.events).toEqual([b, c]);
    expect(publisher.attempts).toBe(5);
  });

  it('holds publishes until released, then accepts them in order', async () => {
    const publisher = new MemoryDecisionEventPublisher();
    const [a, b] = [anEvent(), anEvent()];
    const release = publisher.hold();
    const publishing = [publisher.publish(a), publisher.publish(b)];
    await Promise.resolve();
    expect(publisher.events).toEqual([]);
    expect(publisher.attempts).toBe(2);
    release();
    await Promise.all(publishing);
    expect(publisher.events).toEqual([a, b]);
  });
});

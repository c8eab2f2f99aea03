import type { FeedItem } from '@sentinel/console';
import type { DecisionEventListener } from '../adapters/memory/memory-decision-event-publisher.ts';
import type { OutcomeEventListener } from '../adapters/memory/memory-outcome-event-publisher.ts';
import { decisionItem, outcomeItem } from './feed-items.ts';

/**
 * Where the analyst's feed comes from: once started, every decision, outcome and escrow event the
 * platform publishes is handed to `sink`, each at least once, in roughly publish order.
 */
export interface FeedSource {
  start(sink: (item: FeedItem) => void): Promise<void>;
  stop(): Promise<void>;
}

/** Publishers that tell in-process listeners about every accepted event. */
interface Subscribable<L> {
  subscribe(listener: L): () => void;
}

/**
 * The feed without Pub/Sub (memory mode, unit tests): the in-process publishers' listeners. There
 * is no escrow service in memory mode, so no escrow events either.
 */
export function memoryFeedSource(publishers: {
  readonly decisions: Subscribable<DecisionEventListener>;
  readonly outcomes: Subscribable<OutcomeEventListener>;
}): FeedSource {
  let unsubscribe: (() => void)[] = [];
  return {
    start(sink) {
      unsubscribe = [
        publishers.decisions.subscribe((event) => sink(decisionItem(event))),
        publishers.outcomes.subscribe((event) => sink(outcomeItem(event))),
      ];
      return Promise.resolve();
    },
    stop() {
      unsubscribe.forEach((off) => off());
      unsubscribe = [];
      return Promise.resolve();
    },
  };
}

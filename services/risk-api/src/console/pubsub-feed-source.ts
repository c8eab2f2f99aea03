import type { Message, PubSub, Subscription } from '@google-cloud/pubsub';
import type { FeedItem } from '@sentinel/console';
import {
  parseDecisionEvent,
  parseEscrowEvent,
  parseOutcomeEvent,
  type DecisionEvent,
  type EscrowEvent,
  type OutcomeEvent,
} from '@sentinel/contracts';
import { systemClock, unlessDeadline, withDeadline, type Logger } from '@sentinel/kernel';
import { decisionItem, escrowItem, outcomeItem } from './feed-items.ts';
import type { FeedSource } from './feed-source.ts';

/** The three topics the feed reads. */
export interface FeedTopics {
  readonly decisions: string;
  readonly outcomes: string;
  readonly escrow: string;
}

// A subscription nobody reads for a day is deleted by Pub/Sub itself (24 h is the minimum TTL):
// an instance that died without `stop` leaves nothing behind for long.
const EXPIRE_AFTER_SECONDS = 86_400;
// The feed is live: what an instance did not read within ten minutes is of no use to anyone.
const RETAIN_SECONDS = 600;
const STOP_TIMEOUT_MS = 3_000;

/**
 * The feed on Pub/Sub: one pull subscription per topic for this instance (`<prefix>-<topic>`),
 * created at start and deleted at stop, so every instance sees every event and fans it out to its
 * own clients. Messages are acked on receipt — the feed is a view; the durable consumers
 * (BigQuery, the escrow) have their own subscriptions. Bodies are read with the producers'
 * parsers; one that does not parse is logged and skipped.
 */
export function pubsubFeedSource(opts: {
  readonly pubsub: PubSub;
  readonly topics: FeedTopics;
  /** Unique per instance, e.g. `console-feed-<instance id>`. */
  readonly subscriptionPrefix: string;
  readonly logger: Logger;
}): FeedSource {
  const subscriptions: Subscription[] = [];
  const { logger } = opts;

  async function subscribe<E>(
    topic: string,
    parse: (body: unknown) => E,
    toItem: (event: E) => FeedItem,
    sink: (item: FeedItem) => void,
  ): Promise<void> {
    const [subscription] = await opts.pubsub
      .topic(topic)
      .createSubscription(`${opts.subscriptionPrefix}-${topic}`, {
        ackDeadlineSeconds: 10,
        expirationPolicy: { ttl: { seconds: EXPIRE_AFTER_SECONDS } },
        messageRetentionDuration: { seconds: RETAIN_SECONDS },
      });
    subscription.on('message', (message: Message) => {
      message.ack();
      let event: E;
      try {
        event = parse(JSON.parse(message.data.toString('utf8')));
      } catch (error) {
        logger.warn('console feed: a message that is not an event of its topic', {
          error,
          topic,
          messageId: message.id,
        });
        return;
      }
      sink(toItem(event));
    });
    subscription.on('error', (error: unknown) => {
      logger.warn('console feed: subscription error', { error, topic });
    });
    subscriptions.push(subscription);
  }

  return {
    async start(sink) {
      await subscribe<DecisionEvent>(opts.topics.decisions, parseDecisionEvent, decisionItem, sink);
      await subscribe<OutcomeEvent>(opts.topics.outcomes, parseOutcomeEvent, outcomeItem, sink);
      await subscribe<EscrowEvent>(opts.topics.escrow, parseEscrowEvent, escrowItem, sink);
      logger.info('console feed subscribed', { prefix: opts.subscriptionPrefix });
    },
    async stop() {
      const closing = subscriptions.splice(0).map(async (s) => {
        s.removeAllListeners('message');
        await s.close();
        await s.delete();
      });
      await withDeadline(() => Promise.allSettled(closing), {
        clock: systemClock,
        ms: STOP_TIMEOUT_MS,
        what: 'deleting the console feed subscriptions',
      }).catch(unlessDeadline);
    },
  };
}

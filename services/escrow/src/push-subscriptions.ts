import type { PubSub } from '@google-cloud/pubsub';

// gRPC status ALREADY_EXISTS, NOT_FOUND.
const ALREADY_EXISTS = 6;
const NOT_FOUND = 5;

/**
 * Creates a push subscription when missing (`npm start`, tests; Terraform in production, with
 * OIDC push auth and a dead-letter policy). Waits for the topic, which its producer creates.
 */
export async function ensurePushSubscription(
  pubsub: PubSub,
  opts: {
    readonly topic: string;
    readonly subscription: string;
    readonly pushEndpoint: string;
    readonly filter?: string;
    /** How long to wait for the producer to create the topic. */
    readonly topicWaitMs?: number;
  },
): Promise<void> {
  const deadline = Date.now() + (opts.topicWaitMs ?? 60_000);
  for (;;) {
    try {
      await pubsub.topic(opts.topic).createSubscription(opts.subscription, {
        pushConfig: { pushEndpoint: opts.pushEndpoint },
        ackDeadlineSeconds: 60,
        retryPolicy: {
          minimumBackoff: { seconds: 1 },
          maximumBackoff: { seconds: 60 },
        },
        ...(opts.filter === undefined ? {} : { filter: opts.filter }),
      });
      return;
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (code === ALREADY_EXISTS) {
        return;
      }
      if (code !== NOT_FOUND || Date.now() > deadline) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

import type { CloudEventFunction, HttpFunction } from '@google-cloud/functions-framework';
import { getRequestListener } from '@hono/node-server';
import { parseDecisionEvent, parseOutcomeEvent } from '@sentinel/contracts';
import type { Logger } from '@sentinel/kernel';
import type { DeadLetters, PushedMessage } from './adapters/pubsub.ts';
import type { EscrowService } from './app/escrow-service.ts';

/** The functions-framework targets of the escrow (one Cloud Run function each). */
export const ESCROW_TARGETS = {
  /** HTTP: the escrow API and Cloud Scheduler's sweep. */
  api: 'escrowApi',
  /** CloudEvent: risk-decisions (push subscription filtered on attributes.escrowHeld = "true"). */
  decisions: 'escrowOnDecision',
  /** CloudEvent: risk-outcomes. */
  outcomes: 'escrowOnOutcome',
} as const;

interface FunctionsRegistry {
  http(name: string, handler: HttpFunction): void;
  cloudEvent<T>(name: string, handler: CloudEventFunction<T>): void;
}

/** A Pub/Sub CloudEvent's data (Eventarc, or functions-framework's wrapping of a raw push). */
interface MessagePublished {
  readonly message?: PushedMessage;
}

/**
 * Registers the three targets. A message that cannot be read (not JSON, not the topic's schema)
 * goes to the dead-letter topic and is acknowledged: retrying it would fail the same way for ever.
 * A failure of the work itself (Firestore unavailable) throws, so Pub/Sub redelivers it (and, in
 * production, the subscription's own dead-letter policy bounds the attempts).
 */
export function registerEscrowFunctions(
  ff: FunctionsRegistry,
  deps: {
    readonly service: EscrowService;
    readonly fetch: (request: Request) => Response | Promise<Response>;
    readonly deadLetters: DeadLetters;
    readonly logger: Logger;
  },
): void {
  const { service, deadLetters, logger } = deps;
  ff.http(ESCROW_TARGETS.api, getRequestListener(deps.fetch));

  const consume = <E>(
    source: string,
    parse: (body: unknown) => E,
    handle: (event: E) => Promise<unknown>,
  ): CloudEventFunction<MessagePublished> => {
    return async (cloudEvent) => {
      const message = cloudEvent.data?.message ?? {};
      let event: E;
      try {
        event = parse(JSON.parse(Buffer.from(message.data ?? '', 'base64').toString('utf8')));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        logger.error('unreadable message dead-lettered', {
          source,
          messageId: message.messageId,
          reason: reason.slice(0, 200),
        });
        await deadLetters.publish(source, reason, message);
        return;
      }
      await handle(event);
    };
  };
  ff.cloudEvent(
    ESCROW_TARGETS.decisions,
    consume('risk-decisions', parseDecisionEvent, (event) =>
      // Events from before tenants were named carry their client, which is their tenant.
      service.onDecision({ ...event, tenantId: event.tenantId ?? event.clientId }),
    ),
  );
  ff.cloudEvent(
    ESCROW_TARGETS.outcomes,
    consume('risk-outcomes', parseOutcomeEvent, (outcome) => service.onOutcome(outcome)),
  );
}

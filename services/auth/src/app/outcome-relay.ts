import { toOutcomeEvent, type StepUpChallenge } from '@sentinel/contracts';
import { BoundedMap, type Logger } from '@sentinel/kernel';
import type { StepUpChallengeStore, TenantId } from '@sentinel/store';
import type { OutcomePublisher } from '../ports/outcome-publisher.ts';

const SWEEP_BATCH = 100;
// Outcomes this instance is publishing or has just published: the sweep leaves them alone.
const RECENT = 10_000;

/**
 * Publishes step-up outcomes without losing one: every terminal challenge has an outbox entry
 * written in the same transaction as its status (the store's `update`). The relay publishes at
 * once and completes the entry; when Pub/Sub is down the entry stays, and the sweep publishes it
 * later (at least once: consumers deduplicate on decisionId). The sweep skips what this instance
 * is publishing or just published, so the two paths do not repeat an outcome here.
 */
export function createOutcomeRelay(deps: {
  readonly challenges: StepUpChallengeStore;
  readonly publisher: OutcomePublisher;
  readonly logger: Logger;
}) {
  const inFlight = new Set<Promise<void>>();
  /** challengeId → true while publishing, and after success (its outbox entry is gone soon). */
  const recent = new BoundedMap<string, true>(RECENT);
  const publish = async (tenant: TenantId, challenge: StepUpChallenge): Promise<void> => {
    await deps.publisher.publish(toOutcomeEvent(tenant, challenge));
    await deps.challenges.completeOutcome(challenge.id);
  };
  return {
    /** Publishes in the background; the answer does not wait for Pub/Sub. */
    publishSoon(tenant: TenantId, challenge: StepUpChallenge): void {
      recent.set(challenge.id, true);
      const p = publish(tenant, challenge)
        .catch((error: unknown) => {
          recent.delete(challenge.id);
          deps.logger.warn('outcome not published yet; the sweep retries it', {
            decisionId: challenge.decisionId,
            error,
          });
        })
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    },
    /** Waits for the publishes started so far (tests, shutdown). */
    async settle(): Promise<void> {
      await Promise.allSettled([...inFlight]);
    },
    /** Publishes every outcome still in the outbox; returns how many went out. */
    async sweep(): Promise<number> {
      let published = 0;
      for (const { tenant, challenge } of await deps.challenges.dueOutcomes(SWEEP_BATCH)) {
        // Published (or being published) right after it ended: not a second time. Another
        // instance's may still be repeated; consumers deduplicate on decisionId.
        if (recent.get(challenge.id) === true) {
          continue;
        }
        try {
          await publish(tenant, challenge);
          published++;
        } catch (error) {
          deps.logger.warn('outcome publish failed; kept for the next sweep', {
            decisionId: challenge.decisionId,
            error,
          });
          break;
        }
      }
      return published;
    },
  };
}

export type OutcomeRelay = ReturnType<typeof createOutcomeRelay>;

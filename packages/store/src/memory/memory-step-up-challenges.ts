import { isTerminal, type StepUpChallenge, type StepUpOutcome } from '@sentinel/contracts';
import type {
  ChallengeChange,
  ChallengeUpdate,
  StepUpChallengeStore,
  StepUpChallenges,
  TenantChallenge,
} from '../ports/step-up-challenges.ts';
import type { TenantId } from '../ports/tenancy.ts';

/** Writes a terminal challenge's outcome onto its decision record (the decision log's job). */
export type RecordOutcome = (tenant: TenantId, decisionId: string, outcome: StepUpOutcome) => void;

/**
 * `StepUpChallengeStore` in process memory, owned by a `MemoryDecisionLog` (`log.challenges`),
 * which creates each challenge in its record's commit. Every change runs to completion without
 * awaiting, so challenge, decision outcome and outbox entry change together.
 */
export class MemoryStepUpChallenges implements StepUpChallengeStore {
  readonly #recordOutcome: RecordOutcome;
  /** challengeId → the challenge and its tenant. */
  readonly #challenges = new Map<string, TenantChallenge>();
  /** challengeId → when the challenge ended: outcomes still to publish. */
  readonly #outbox = new Map<string, Date>();

  constructor(recordOutcome: RecordOutcome) {
    this.#recordOutcome = recordOutcome;
  }

  /** Part of the decision log's commit: not a port method. */
  create(tenant: TenantId, challenge: StepUpChallenge): void {
    this.#challenges.set(challenge.id, { tenant, challenge });
  }

  /**
   * The decision log forgetting the challenge's decision (its `maxDecisions`): drops it unless
   * its outcome still waits to be published.
   */
  forget(challengeId: string): void {
    if (!this.#outbox.has(challengeId)) {
      this.#challenges.delete(challengeId);
    }
  }

  forTenant(tenant: TenantId): StepUpChallenges {
    return {
      get: (id) => {
        const found = this.#challenges.get(id);
        return Promise.resolve(found?.tenant === tenant ? structuredClone(found.challenge) : null);
      },
      update: (id, change) => Promise.resolve(this.#update(tenant, id, change)),
    };
  }

  expireDue(now: Date, limit: number): Promise<readonly TenantChallenge[]> {
    const due = [...this.#challenges.values()]
      .filter(
        ({ challenge }) =>
          challenge.status === 'PENDING' && challenge.expiresAt.getTime() <= now.getTime(),
      )
      .sort((a, b) => a.challenge.expiresAt.getTime() - b.challenge.expiresAt.getTime())
      .slice(0, Math.max(0, limit));
    const expired = due.flatMap(({ tenant, challenge }) => {
      const result = this.#update(tenant, challenge.id, (current) =>
        current.status === 'PENDING'
          ? { ...current, status: 'EXPIRED', completedAt: new Date(now) }
          : null,
      );
      return result?.changed === true ? [{ tenant, challenge: result.challenge }] : [];
    });
    return Promise.resolve(expired);
  }

  dueOutcomes(limit: number): Promise<readonly TenantChallenge[]> {
    const due = [...this.#outbox]
      .sort(([idA, a], [idB, b]) => a.getTime() - b.getTime() || (idA < idB ? -1 : 1))
      .slice(0, Math.max(0, limit))
      .flatMap(([id]) => {
        const found = this.#challenges.get(id);
        return found === undefined ? [] : [structuredClone(found)];
      });
    return Promise.resolve(due);
  }

  completeOutcome(challengeId: string): Promise<void> {
    this.#outbox.delete(challengeId);
    return Promise.resolve();
  }

  #update(tenant: TenantId, id: string, change: ChallengeChange): ChallengeUpdate | null {
    const found = this.#challenges.get(id);
    if (found?.tenant !== tenant) {
      return null;
    }
    const next = change(structuredClone(found.challenge));
    if (next === null) {
      return { challenge: structuredClone(found.challenge), changed: false };
    }
    const stored = structuredClone(next);
    this.#challenges.set(id, { tenant, challenge: stored });
    if (isTerminal(stored.status) && !isTerminal(found.challenge.status)) {
      const at = stored.completedAt;
      if (at === undefined) {
        throw new Error(`terminal challenge ${id} has no completedAt`);
      }
      this.#recordOutcome(tenant, stored.decisionId, {
        status: stored.status,
        method: stored.passedWith ?? null,
        at,
      });
      this.#outbox.set(id, at);
    }
    return { challenge: structuredClone(stored), changed: true };
  }
}

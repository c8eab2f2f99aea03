import type { DocumentData, DocumentReference, Firestore } from '@google-cloud/firestore';
import { isTerminal, type StepUpChallenge, type StepUpOutcome } from '@sentinel/contracts';
import type {
  ChallengeChange,
  ChallengeUpdate,
  StepUpChallengeStore,
  StepUpChallenges,
  TenantChallenge,
} from '../ports/step-up-challenges.ts';
import type { TenantId } from '../ports/tenancy.ts';
import { COLLECTIONS, tenantRoot } from './collections.ts';
import { parseDocument, parseOptional } from './parse-document.ts';
import { ChallengeDoc, OutcomeOutboxDoc } from './schemas.ts';
import { storable } from './storable.ts';

// A Firestore TTL policy on challenges.deleteAt removes a challenge 30 days after it expired:
// long enough for disputes about a step-up, short enough not to keep payment details around.
const RETENTION_MS = 30 * 86_400_000;

/** `tenants/{tenant}/challenges/{challengeId}`. */
export function challengeRef(db: Firestore, tenant: TenantId, id: string): DocumentReference {
  return tenantRoot(db, tenant).collection(COLLECTIONS.challenges).doc(id);
}

/** A challenge as its document: the challenge plus its TTL field. */
export function toChallengeData(challenge: StepUpChallenge): DocumentData {
  return storable({
    ...challenge,
    deleteAt: new Date(challenge.expiresAt.getTime() + RETENTION_MS),
  });
}

/**
 * `StepUpChallengeStore` on Firestore. Challenges are created by `FirestoreDecisionLog.record` in
 * its batch; every change is a transaction that also writes, when the challenge ends, the outcome
 * onto `tenants/{tenant}/decisions/{decisionId}` and an `outcomeOutbox/{challengeId}` entry.
 */
export class FirestoreStepUpChallenges implements StepUpChallengeStore {
  readonly #db: Firestore;

  constructor(db: Firestore) {
    this.#db = db;
  }

  forTenant(tenant: TenantId): StepUpChallenges {
    return {
      get: async (id) =>
        parseOptional(ChallengeDoc, await challengeRef(this.#db, tenant, id).get()),
      update: (id, change) => this.#update(tenant, id, change),
    };
  }

  async expireDue(now: Date, limit: number): Promise<readonly TenantChallenge[]> {
    if (limit <= 0) {
      return [];
    }
    // A collection-group query over every tenant's challenges (index: status + expiresAt).
    const due = await this.#db
      .collectionGroup(COLLECTIONS.challenges)
      .where('status', '==', 'PENDING')
      .where('expiresAt', '<=', now)
      .orderBy('expiresAt')
      .limit(limit)
      .get();
    const expired: TenantChallenge[] = [];
    for (const doc of due.docs) {
      const tenant = doc.ref.parent.parent?.id;
      if (tenant === undefined) {
        continue;
      }
      const result = await this.#update(tenant, doc.id, (current) =>
        current.status === 'PENDING' && current.expiresAt.getTime() <= now.getTime()
          ? { ...current, status: 'EXPIRED', completedAt: now }
          : null,
      );
      if (result?.changed === true) {
        expired.push({ tenant, challenge: result.challenge });
      }
    }
    return expired;
  }

  async dueOutcomes(limit: number): Promise<readonly TenantChallenge[]> {
    if (limit <= 0) {
      return [];
    }
    const due = await this.#db
      .collection(COLLECTIONS.outcomeOutbox)
      .orderBy('dueAt')
      .limit(limit)
      .get();
    if (due.empty) {
      return [];
    }
    const entries = due.docs.map((doc) => parseDocument(OutcomeOutboxDoc, doc));
    const snapshots = await this.#db.getAll(
      ...entries.map((e) => challengeRef(this.#db, e.tenant, e.challengeId)),
    );
    return snapshots.flatMap((snapshot, i) => {
      const tenant = entries[i]?.tenant;
      return snapshot.exists && tenant !== undefined
        ? [{ tenant, challenge: parseDocument(ChallengeDoc, snapshot) }]
        : [];
    });
  }

  async completeOutcome(challengeId: string): Promise<void> {
    await this.#db.collection(COLLECTIONS.outcomeOutbox).doc(challengeId).delete();
  }

  #update(tenant: TenantId, id: string, change: ChallengeChange): Promise<ChallengeUpdate | null> {
    const ref = challengeRef(this.#db, tenant, id);
    return this.#db.runTransaction(async (tx) => {
      const current = parseOptional(ChallengeDoc, await tx.get(ref));
      if (current === null) {
        return null;
      }
      const next = change(current);
      if (next === null) {
        return { challenge: current, changed: false };
      }
      tx.set(ref, toChallengeData(next));
      if (isTerminal(next.status) && !isTerminal(current.status)) {
        const at = next.completedAt;
        if (at === undefined) {
          throw new Error(`terminal challenge ${id} has no completedAt`);
        }
        const outcome: StepUpOutcome = {
          status: next.status,
          method: next.passedWith ?? null,
          at,
        };
        tx.update(
          tenantRoot(this.#db, tenant).collection(COLLECTIONS.decisions).doc(next.decisionId),
          { stepUpOutcome: outcome },
        );
        tx.set(this.#db.collection(COLLECTIONS.outcomeOutbox).doc(id), {
          challengeId: id,
          tenant,
          dueAt: at,
        });
      }
      return { challenge: next, changed: true };
    });
  }
}

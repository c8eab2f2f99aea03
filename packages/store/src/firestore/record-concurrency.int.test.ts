import { Firestore } from '@google-cloud/firestore';
import { afterAll, describe, expect, it } from 'vitest';
import { uniqueProjectId } from '../../../../test/support/emulator-env.ts';
import { aDecisionRecord, at, minutes } from '@sentinel/contracts/testing';
import { FirestoreDecisionLog } from './firestore-decision-log.ts';
import { firestoreSettings } from './firestore-settings.ts';

// Two clients = two Cloud Run instances: separate channels, no shared process state.
const projectId = uniqueProjectId('record-race');
const instances = [
  new Firestore(firestoreSettings({ projectId })),
  new Firestore(firestoreSettings({ projectId })),
];

afterAll(async () => {
  await Promise.all(instances.map((db) => db.terminate()));
});

describe('FirestoreDecisionLog.record under concurrent retries', () => {
  it('lets exactly one of 10 concurrent claims win; every other call gets the winner', async () => {
    const logs = instances.map((db) => new FirestoreDecisionLog(db));
    const attempts = Array.from({ length: 10 }, (_, i) =>
      aDecisionRecord({ transactionId: 'tx-race', requestHash: String(i).repeat(64) }),
    );
    const results = await Promise.all(attempts.map((record, i) => logs[i % 2]!.record(record)));

    const winners = attempts.filter((_, i) => results[i]!.created);
    expect(winners).toHaveLength(1);
    const winnerId = winners[0]!.decision.decisionId;
    const losers = results.filter((r) => !r.created);
    expect(losers).toHaveLength(9);
    for (const loser of losers) {
      expect(loser.existing.decision.decisionId).toBe(winnerId);
      expect(loser.existing.requestHash).toBe(winners[0]!.requestHash);
    }
    // Nothing of the losers was written: one decision, one outbox entry.
    const stored = await Promise.all(
      attempts.map((r) => logs[0]!.get(r.clientId, r.decision.decisionId)),
    );
    expect(stored.filter((r) => r !== null).map((r) => r.decision.decisionId)).toEqual([winnerId]);
    const due = await logs[1]!.dueOutbox(at(minutes(1)), 100);
    expect(due.map((r) => r.decision.decisionId)).toEqual([winnerId]);
  });
});

import { Firestore } from '@google-cloud/firestore';
import { afterAll, describe, expect, it } from 'vitest';
import { aDecisionRecord } from '@sentinel/contracts/testing';
import { uniqueProjectId } from '../../../../test/support/emulator-env.ts';
import { COLLECTIONS, tenantRoot } from './collections.ts';
import { FirestoreDecisionLog } from './firestore-decision-log.ts';
import { firestoreSettings } from './firestore-settings.ts';
import { StoredDocumentInvalidError } from './parse-document.ts';

// The context is validated here and only here: where a record is read back from Firestore.
const db = new Firestore(firestoreSettings({ projectId: uniqueProjectId('decision-context') }));
const log = new FirestoreDecisionLog(db);

afterAll(async () => {
  await db.terminate();
});

type StoredRecord = ReturnType<typeof aDecisionRecord>;

/** Records a fixture decision, then replaces its stored context with `contextJson(record)`. */
async function storedWith(contextJson: (record: StoredRecord) => string) {
  const record = aDecisionRecord();
  await log.record(record);
  const id = record.decision.decisionId;
  await tenantRoot(db, record.clientId)
    .collection(COLLECTIONS.decisions)
    .doc(id)
    .update({ contextJson: contextJson(record) });
  return { record, id };
}

describe('a decision context read back from Firestore', () => {
  it('gives a context from before the later parts their meaning then', async () => {
    const { record, id } = await storedWith((r) =>
      JSON.stringify({
        payment: r.context.payment,
        history: { recentPayments: [], failedLogins: [] },
        degraded: true,
      }),
    );
    const read = await log.get('bank-a', id);
    expect(read?.context).toEqual({
      payment: record.context.payment,
      profile: null,
      simSwap: null,
      history: { recentPayments: [], failedLogins: [] },
      degraded: true,
      behaviorBaseline: null,
      deviceSightings: [],
      accountFrozen: false,
      enrolledFactors: null,
    });
    expect(read?.context.payment.occurredAt).toBeInstanceOf(Date);
  });

  it.each([
    [
      'a date that is not RFC 3339',
      (c: Record<string, unknown>) => ({
        ...c,
        history: { recentPayments: [], failedLogins: ['yesterday'] },
      }),
      'contextJson.history.failedLogins.0',
    ],
    [
      'a missing payment',
      ({ payment: _p, ...c }: Record<string, unknown>) => c,
      'contextJson.payment',
    ],
  ])('refuses %s, naming the field and not the value', async (_, change, path) => {
    const { id } = await storedWith((r) =>
      JSON.stringify(change(JSON.parse(JSON.stringify(r.context)) as Record<string, unknown>)),
    );
    const read = log.get('bank-a', id);
    await expect(read).rejects.toBeInstanceOf(StoredDocumentInvalidError);
    await expect(read).rejects.toThrow(path);
    await expect(read).rejects.not.toThrow('yesterday');
  });

  it('refuses context text that is not JSON', async () => {
    const { id } = await storedWith(() => '{"payment":');
    await expect(log.get('bank-a', id)).rejects.toThrow(/contextJson/);
  });
});

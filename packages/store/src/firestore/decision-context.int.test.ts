import { Firestore } from '@google-cloud/firestore';
import { afterAll, describe, expect, it } from 'vitest';
import { aDecisionRecord } from '@sentinel/contracts/testing';
import { uniqueProjectId } from '../../../../test/support/emulator-env.ts';
import { COLLECTIONS, tenantRoot } from './collections.ts';
import { FirestoreDecisionLog } from './firestore-decision-log.ts';
import { firestoreSettings } from './firestore-settings.ts';
import { StoredDocumentInvalidError } from './parse-document.ts';
import { storable } from './storable.ts';

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

describe('a decision record in Firestore', () => {
  const decisionDoc = (record: StoredRecord) =>
    tenantRoot(db, record.clientId)
      .collection(COLLECTIONS.decisions)
      .doc(record.decision.decisionId);

  it('keeps the decision, its effects and its context as JSON text, and reads them back', async () => {
    const record = aDecisionRecord();
    await log.record(record);
    const stored = (await decisionDoc(record).get()).data() ?? {};
    expect(typeof stored['decisionJson']).toBe('string');
    expect(typeof stored['effectsJson']).toBe('string');
    expect(typeof stored['contextJson']).toBe('string');
    expect(stored).not.toHaveProperty('decision');
    expect(stored).not.toHaveProperty('effects');
    expect(await log.get(record.clientId, record.decision.decisionId)).toEqual(record);
  });

  it('reads a record written before, with the decision and its effects as maps', async () => {
    const record = aDecisionRecord();
    const { context, ...rest } = record;
    // The form of every record before the text: maps, dates as Timestamps.
    await decisionDoc(record).set(storable({ ...rest, contextJson: JSON.stringify(context) }));
    const read = await log.get(record.clientId, record.decision.decisionId);
    expect(read).toEqual(record);
    expect(read?.effects?.history.payment.at).toBeInstanceOf(Date);
  });

  it('writes the decision and its effects as maps when told, as releases before did', async () => {
    const record = aDecisionRecord();
    const maps = new FirestoreDecisionLog(db, { documentForm: 'maps' });
    await maps.record(record);
    const stored = (await decisionDoc(record).get()).data() ?? {};
    expect(stored).not.toHaveProperty('decisionJson');
    expect(stored).not.toHaveProperty('effectsJson');
    expect(stored['decision']).toMatchObject({ decisionId: record.decision.decisionId });
    expect(await log.get(record.clientId, record.decision.decisionId)).toEqual(record);
  });

  it('refuses decision text that is not a decision, naming the field and not the value', async () => {
    const record = aDecisionRecord();
    await log.record(record);
    await decisionDoc(record).update({
      decisionJson: JSON.stringify({ ...record.decision, riskScore: 'secret-value' }),
    });
    const read = log.get(record.clientId, record.decision.decisionId);
    await expect(read).rejects.toBeInstanceOf(StoredDocumentInvalidError);
    await expect(read).rejects.toThrow('is invalid at decisionJson.riskScore');
    await expect(read).rejects.not.toThrow('secret-value');
  });
});

import type { DocumentData, DocumentSnapshot } from '@google-cloud/firestore';
import { z } from 'zod';
import type { DecisionRecord } from '@sentinel/contracts';
import { DecisionContextJson } from './decision-context-json.ts';
import { parseDocument } from './parse-document.ts';
import { DecisionDoc } from './schemas.ts';
import { storable } from './storable.ts';

/**
 * `decisions/{decisionId}`: the record as a map with Timestamps, except the engine inputs, which
 * are kept as JSON text (`contextJson`). They are read only whole (audit, backtests), and as text
 * they cost one index entry instead of hundreds — a smaller, faster commit on the hot path.
 */
export function toDecisionData(record: DecisionRecord): DocumentData {
  // The challenge and the hold are documents of their own (firestore-step-up-challenges.ts,
  // firestore-escrows.ts), written in the same batch.
  const { context, challenge: _challenge, hold: _hold, ...rest } = record;
  return storable({ ...rest, contextJson: JSON.stringify(context) });
}

/** Reads a `decisions/{decisionId}` document back into a `DecisionRecord`, context and all. */
export function fromDecisionSnapshot(snapshot: DocumentSnapshot): DecisionRecord {
  return parseDocument(WithContext, snapshot);
}

/** `contextJson` back to the typed context: the one place a context is validated. */
const WithContext = DecisionDoc.transform(({ contextJson, ...rest }, ctx) => {
  let json: unknown;
  try {
    json = JSON.parse(contextJson);
  } catch {
    ctx.addIssue({ code: 'custom', path: ['contextJson'], message: 'contextJson is not JSON' });
    return z.NEVER;
  }
  const context = DecisionContextJson.safeParse(json);
  if (!context.success) {
    for (const issue of context.error.issues) {
      ctx.addIssue({
        code: 'custom',
        path: ['contextJson', ...issue.path],
        message: issue.message,
      });
    }
    return z.NEVER;
  }
  return { ...rest, context: context.data };
});

import type { DocumentData, DocumentSnapshot } from '@google-cloud/firestore';
import { z } from 'zod';
import type { DecisionRecord } from '@sentinel/contracts';
import { parseDocument } from './parse-document.ts';
import { DecisionDoc } from './schemas.ts';
import { storable } from './storable.ts';

const Context = z.record(z.string(), z.unknown());

/**
 * `decisions/{decisionId}`: the record as a map with Timestamps, except the engine inputs, which
 * are kept as JSON text (`contextJson`). They are read only whole (audit, backtests), and as text
 * they cost one index entry instead of hundreds — a smaller, faster commit on the hot path.
 */
export function toDecisionData(record: DecisionRecord): DocumentData {
  const { context, ...rest } = record;
  return storable({ ...rest, contextJson: JSON.stringify(context) });
}

/** Reads a `decisions/{decisionId}` document back into a `DecisionRecord`. */
export function fromDecisionSnapshot(snapshot: DocumentSnapshot): DecisionRecord {
  const { contextJson, ...rest } = parseDocument(DecisionDoc, snapshot);
  return { ...rest, context: Context.parse(JSON.parse(contextJson)) };
}

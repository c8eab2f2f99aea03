import type { DocumentData, DocumentSnapshot } from '@google-cloud/firestore';
import { DecisionSchema, type DecisionRecord } from '@sentinel/contracts';
import { DecisionContextJson, EffectsJson } from './decision-context-json.ts';
import type { DocumentForm } from './document-form.ts';
import { jsonText, toJsonText } from './json-text.ts';
import { parseDocument } from './parse-document.ts';
import { DecisionDoc } from './schemas.ts';
import { storable } from './storable.ts';

/**
 * `decisions/{decisionId}`: who asked, for how much, when, as fields (`decidedAt` is queried by
 * backtests); the decision, its effects and the engine's inputs as JSON text (`decisionJson`,
 * `effectsJson`, `contextJson`). Those are only ever read whole, and as text each is one field to
 * encode and index instead of dozens — a smaller, faster commit on the hot path
 * (docs/performance-log.md, issue 17's fifth session). Records with the decision and its effects as
 * maps (written before, or under `form` maps, document-form.ts) are still read.
 */
export function toDecisionData(record: DecisionRecord, form: DocumentForm = 'text'): DocumentData {
  // The challenge and the hold are documents of their own (firestore-step-up-challenges.ts,
  // firestore-escrows.ts), written in the same batch.
  const { decision, effects, context, challenge: _challenge, hold: _hold, ...rest } = record;
  if (form === 'maps') {
    return storable({ ...rest, decision, effects, contextJson: JSON.stringify(context) });
  }
  // JSON.stringify's text (toJsonText, faster with dates): always well-formed UTF-16. Never
  // queried: index exemptions on decisions.contextJson, decisions.decisionJson,
  // decisions.effectsJson (firestore.indexes.json).
  return {
    ...storable(rest),
    decisionJson: toJsonText(decision),
    ...(effects === undefined ? {} : { effectsJson: toJsonText(effects) }),
    contextJson: toJsonText(context),
  };
}

/** Reads a `decisions/{decisionId}` document back into a `DecisionRecord`, context and all. */
export function fromDecisionSnapshot(snapshot: DocumentSnapshot): DecisionRecord {
  return snapshot.get('decisionJson') === undefined
    ? parseDocument(AsMaps, snapshot)
    : parseDocument(AsText, snapshot);
}

/** The context is validated here and only here: where a record is read back. */
const Context = jsonText(DecisionContextJson);

const AsText = DecisionDoc.omit({ decision: true, effects: true, contextJson: true })
  .extend({
    decisionJson: jsonText(DecisionSchema),
    effectsJson: jsonText(EffectsJson).exactOptional(),
    contextJson: Context,
  })
  .transform(({ decisionJson, effectsJson, contextJson, ...rest }): DecisionRecord => ({
    ...rest,
    decision: decisionJson,
    ...(effectsJson === undefined ? {} : { effects: effectsJson }),
    context: contextJson,
  }));

const AsMaps = DecisionDoc.omit({ contextJson: true })
  .extend({ contextJson: Context })
  .transform(({ contextJson, ...rest }): DecisionRecord => ({ ...rest, context: contextJson }));

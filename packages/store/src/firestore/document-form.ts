/**
 * How an instance writes the documents that may be kept as JSON text — a customer's history
 * (`userHistory/{userId}`) and a decision record (`decisions/{decisionId}`): `text`, one field per
 * part read only whole (history-doc.ts, decision-docs.ts), or `maps`, as releases before the text
 * form wrote them. Either form is always read. The decision's outbox entry follows the same
 * setting: `text` writes it to the sharded `outboxEntries`, `maps` to `outbox/{decisionId}` as
 * those releases did (collections.ts); the sweep reads both.
 *
 * `maps` exists for one step: in an environment that already holds data, a release that reads only
 * maps cannot read a text document, so rolling back to one would fail those documents' reads (the
 * hot path answers them with the safe action). Deploy first with `maps`; once no rollback to such a
 * release is wanted, switch to `text` (docs/operations.md). A new environment starts with `text`.
 */
export const DOCUMENT_FORMS = ['text', 'maps'] as const;
export type DocumentForm = (typeof DOCUMENT_FORMS)[number];

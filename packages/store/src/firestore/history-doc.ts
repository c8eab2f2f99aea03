import type { UserHistory } from '@sentinel/engine';
import { FieldValue, type DocumentData, type DocumentSnapshot } from '@google-cloud/firestore';
import { z } from 'zod';
import { HistoryJson } from './decision-context-json.ts';
import type { DocumentForm } from './document-form.ts';
import { jsonText, toJsonText } from './json-text.ts';
import { parseDocument } from './parse-document.ts';
import { UserHistoryDoc } from './schemas.ts';
import { storable } from './storable.ts';

/**
 * `userHistory/{userId}` is read by every decision and written by every delivery. As Firestore
 * maps, its twenty payments were over a hundred values to encode and decode each time (and an index
 * entry each); as one JSON text (`historyJson`) it is one field: measured on the emulator, about a
 * third of the emulator's CPU per write and a quarter per read (docs/performance-log.md, issue 17's
 * fifth session). Documents written as maps (before, or under `documentForm: 'maps'`) are still
 * read; the next write in text replaces their fields.
 */
const HistoryTextDoc = z
  .object({ historyJson: jsonText(HistoryJson) })
  .transform((doc) => doc.historyJson);

/** The fields of the map form, removed by an `update` that writes the text form over one. */
const MAP_FIELDS = ['recentPayments', 'lastLocation', 'lastImei', 'failedLogins'] as const;

/** The document for `create` and `set`: the whole history, as JSON text unless `form` is maps. */
export function toHistoryData(history: UserHistory, form: DocumentForm = 'text'): DocumentData {
  // JSON.stringify's text (toJsonText, faster with dates): always well-formed UTF-16. Never
  // queried: index exemptions on userHistory.historyJson (firestore.indexes.json).
  return form === 'text' ? { historyJson: toJsonText(history) } : storable(history);
}

/**
 * The fields for an `update`, which keeps the fields it does not name: the other form's go, so a
 * document never holds both (a text left beside newer maps would be read instead of them).
 */
export function toHistoryUpdate(history: UserHistory, form: DocumentForm = 'text'): DocumentData {
  const data = toHistoryData(history, form);
  for (const field of form === 'text' ? MAP_FIELDS : (['historyJson'] as const)) {
    data[field] = FieldValue.delete();
  }
  return data;
}

/** An existing `userHistory/{userId}` document, in either form. */
export function readHistory(snapshot: DocumentSnapshot): UserHistory {
  return snapshot.get('historyJson') === undefined
    ? parseDocument(UserHistoryDoc, snapshot)
    : parseDocument(HistoryTextDoc, snapshot);
}

import type { DocumentSnapshot } from '@google-cloud/firestore';
import type { z } from 'zod';

/** A stored document does not match its schema: data corruption or a deploy skew, not a user error. */
export class StoredDocumentInvalidError extends Error {
  override readonly name = 'StoredDocumentInvalidError';
  readonly code = 'RISK.STORED_DOCUMENT_INVALID';
}

/**
 * Parses an existing document with its schema. The error names the document and the failing
 * field paths, never the values (they may be personal data).
 */
export function parseDocument<S extends z.ZodType>(
  schema: S,
  snapshot: DocumentSnapshot,
): z.output<S> {
  const parsed = schema.safeParse(snapshot.data());
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
    throw new StoredDocumentInvalidError(`${snapshot.ref.path} is invalid at ${fields}`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/** Like `parseDocument`, with `null` for a document that does not exist. */
export function parseOptional<S extends z.ZodType>(
  schema: S,
  snapshot: DocumentSnapshot,
): z.output<S> | null {
  return snapshot.exists ? parseDocument(schema, snapshot) : null;
}

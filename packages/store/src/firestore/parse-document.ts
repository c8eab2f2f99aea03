import type { DocumentSnapshot } from '@google-cloud/firestore';
import { z } from 'zod';

const compiledSchemas = new WeakMap<z.ZodType, z.ZodType>();

/**
 * `schema` compiled by zod itself (`z.compile`), once per schema, on its first document: generated
 * code checks the input and builds the value, and an input it refuses goes to zod's own parser, so
 * every issue is zod's by construction (a schema zod cannot compile stays as it is). The six
 * documents a decision parses (a history of twenty payments among them): 20.0 → 4.4 µs (`npm run
 * bench:plumbing`, issue 17's eighth session). compiled-schemas.test.ts holds the equality over the
 * documents the hot path reads.
 */
export function compiledSchema<S extends z.ZodType>(schema: S): S {
  let compiled = compiledSchemas.get(schema);
  if (compiled === undefined) {
    compiled = z.compile(schema);
    compiledSchemas.set(schema, compiled);
  }
  return compiled as S;
}

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
  const parsed = compiledSchema(schema).safeParse(snapshot.data());
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

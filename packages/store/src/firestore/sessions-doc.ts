import { FieldValue, type DocumentData } from '@google-cloud/firestore';
import { z } from 'zod';
import { fromFloat64Bytes, toFloat64Bytes, toRows } from './float64-bytes.ts';

/**
 * `behaviorSessions/{userId}`: the user's kept legitimate sessions in one document, oldest first,
 * as `count` rows of `width` little-endian doubles (500 × 55 = 220 KB at most).
 */
export const SessionsDoc = z
  .object({
    width: z.number().int().nonnegative(),
    count: z.number().int().nonnegative(),
    vectors: z.instanceof(Uint8Array),
  })
  .refine((doc) => doc.vectors.byteLength === doc.width * doc.count * 8, {
    path: ['vectors'],
    message: 'length does not match width × count',
  })
  .transform((doc): number[][] =>
    doc.count === 0 ? [] : toRows(fromFloat64Bytes(doc.vectors), doc.width),
  );

/** Sessions as the document written to Firestore. */
export function toSessionsData(sessions: readonly (readonly number[])[]): DocumentData {
  return {
    width: sessions[0]?.length ?? 0,
    count: sessions.length,
    vectors: toFloat64Bytes(sessions.flat()),
    updatedAt: FieldValue.serverTimestamp(),
  };
}

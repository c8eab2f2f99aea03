import type { BehaviorBaseline } from '@sentinel/engine';
import { Timestamp, type DocumentData } from '@google-cloud/firestore';
import { z } from 'zod';
import { fromFloat64Bytes, toFloat64Bytes, toRows } from './float64-bytes.ts';
import { storable } from './storable.ts';

const Time = z.instanceof(Timestamp).transform((t) => t.toDate());
const Doubles = z.instanceof(Uint8Array).transform((bytes, ctx) => {
  if (bytes.byteLength % 8 !== 0) {
    ctx.addIssue({ code: 'custom', message: 'not a whole number of doubles' });
    return z.NEVER;
  }
  return fromFloat64Bytes(bytes);
});

/**
 * `behaviorBaselines/{userId}` (the current baseline) and `…/versions/{version, zero-padded}`
 * (every version, for audit). Vectors and the p × p precision matrix (row by row) are bytes of
 * little-endian doubles (float64-bytes.ts): exact, 24 KB for SHIELD's 55 features, far below
 * Firestore's 1 MiB per document.
 */
export const BaselineDoc = z
  .object({
    schemaVersion: z.string(),
    version: z.number().int().positive(),
    features: z.array(z.string()).min(1),
    n: z.number().int().positive(),
    means: Doubles,
    scales: Doubles,
    constant: z.array(z.boolean()),
    precision: Doubles,
    shrinkage: z.number(),
    shrinkageTarget: z.number(),
    meanTrainingDistance: z.number(),
    lambda: z.number(),
    fittedAt: Time,
  })
  .superRefine((doc, ctx) => {
    const p = doc.features.length;
    const sizes = {
      means: [doc.means.length, p],
      scales: [doc.scales.length, p],
      constant: [doc.constant.length, p],
      precision: [doc.precision.length, p * p],
    } as const;
    for (const [field, [actual, expected]] of Object.entries(sizes)) {
      if (actual !== expected) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `${actual} values, not ${expected}`,
        });
      }
    }
  })
  .transform((doc): BehaviorBaseline => ({
    ...doc,
    precision: toRows(doc.precision, doc.features.length),
  }));

/** A baseline as the document written to Firestore. */
export function toBaselineData(baseline: BehaviorBaseline): DocumentData {
  return storable({
    ...baseline,
    means: toFloat64Bytes(baseline.means),
    scales: toFloat64Bytes(baseline.scales),
    precision: toFloat64Bytes(baseline.precision.flat()),
  });
}

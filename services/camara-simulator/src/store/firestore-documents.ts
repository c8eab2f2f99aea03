import { Timestamp } from '@google-cloud/firestore';
import { z } from 'zod';
import { SCOPES } from '../domain/access-token.ts';
import type { NumberRecord } from '../domain/number-record.ts';
import type { SubscriptionRecord } from '../subscriptions/subscription.ts';
import type { TokenRecord } from './simulator-store.ts';

// Documents as they are read back: Timestamps become Dates, unknown fields are dropped. Each
// schema is checked against the record it produces, so the two cannot drift.

const Time = z.instanceof(Timestamp).transform((t) => t.toDate());

/** `camaraNumbers/{E.164}`. */
export const NumberDoc = z.object({
  phoneNumber: z.string(),
  activatedAt: Time.nullable(),
  lastSwapAt: Time.nullable(),
  serviceApplicable: z.boolean(),
  updatedAt: Time,
}) satisfies z.ZodType<NumberRecord>;

/** `camaraSubscriptions/{id}`. */
export const SubscriptionDoc = z.object({
  id: z.string(),
  phoneNumber: z.string(),
  identifiedBy: z.enum(['REQUEST', 'TOKEN']),
  sink: z.string(),
  sinkCredential: z.object({ accessToken: z.string(), expiresAt: Time }).exactOptional(),
  protocolSettings: z
    .object({
      headers: z.record(z.string(), z.string()).exactOptional(),
      method: z.literal('POST').exactOptional(),
    })
    .exactOptional(),
  expiresAt: Time.exactOptional(),
  maxEvents: z.number().int().exactOptional(),
  startsAt: Time,
  eventsSent: z.number().int(),
}) satisfies z.ZodType<SubscriptionRecord>;

/** `camaraTokens/{sha256 of the token}`. */
export const TokenDoc = z.object({
  kind: z.enum(['TWO_LEGGED', 'THREE_LEGGED']),
  phoneNumber: z.string().exactOptional(),
  scopes: z.array(z.enum(SCOPES)),
  expiresAt: Time,
}) satisfies z.ZodType<TokenRecord>;

/** A plain object without `undefined` values (Firestore rejects them). */
export function withoutUndefined(value: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

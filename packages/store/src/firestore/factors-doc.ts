import { Timestamp } from '@google-cloud/firestore';
import { z } from 'zod';
import type { CustomerFactorsRecord, FactorsEnrolment } from '../ports/customer-factors.ts';

// `tenants/{t}/factors/{userId}` as read back: Timestamps become Dates, bytes a plain Uint8Array.
// Checked against the port's type so the two cannot drift.

const Time = z.instanceof(Timestamp).transform((t) => t.toDate());
const Bytes = z.instanceof(Uint8Array).transform((b) => new Uint8Array(b));

/** `tenants/{tenant}/factors/{userId}`. */
export const CustomerFactorsDoc = z.object({
  userId: z.string(),
  passkeys: z.array(
    z.object({
      id: z.string(),
      publicKey: Bytes,
      counter: z.number().int().nonnegative(),
      transports: z.array(z.string()),
      deviceType: z.enum(['singleDevice', 'multiDevice']),
      backedUp: z.boolean(),
      createdAt: Time,
      lastUsedAt: Time.exactOptional(),
      name: z.string().exactOptional(),
    }),
  ),
  totp: z
    .object({
      secretCiphertext: z.string(),
      confirmedAt: Time.exactOptional(),
      lastUsedStep: z.number().int().exactOptional(),
      consecutiveFailures: z.number().int().nonnegative(),
      lockedAt: Time.exactOptional(),
    })
    .exactOptional(),
  passkeyFailures: z.number().int().nonnegative(),
  passkeyLockedAt: Time.exactOptional(),
  pendingRegistration: z.object({ challenge: z.string(), expiresAt: Time }).exactOptional(),
}) satisfies z.ZodType<CustomerFactorsRecord>;

/**
 * The same document as risk-api's hot path reads it: what is enrolled and locked, nothing more
 * (no key material is parsed, and no change to a passkey's other fields can fail a payment).
 */
export const FactorsEnrolmentDoc = z.object({
  passkeys: z.array(z.unknown()),
  totp: z
    .object({ confirmedAt: Time.exactOptional(), lockedAt: Time.exactOptional() })
    .exactOptional(),
  passkeyLockedAt: Time.exactOptional(),
}) satisfies z.ZodType<FactorsEnrolment>;

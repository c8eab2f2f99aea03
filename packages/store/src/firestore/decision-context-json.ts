import {
  CHANNELS,
  LOCATION_SOURCES,
  type BehaviorSignal,
  type UserProfile,
} from '@sentinel/engine';
import { z } from 'zod';
import { FACTOR_SOURCES, type DecisionContext } from '@sentinel/contracts';
import { effectsOf, historyOf } from './schemas.ts';

// A decision's context as the Firestore adapter keeps it: JSON text (`contextJson`), dates as
// RFC 3339. Read back only here, whole, and checked against the contract's type so the two cannot
// drift. Parts added to the context later default to what an older record meant.

const IsoDate = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const Money = z.object({ minor: z.number().int(), currency: z.string() });
const Location = z.object({
  lat: z.number(),
  lon: z.number(),
  accuracyM: z.number().exactOptional(),
  source: z.enum(LOCATION_SOURCES),
});

const Payment = z.object({
  transactionId: z.string(),
  userId: z.string(),
  phoneNumber: z.string(),
  amount: Money,
  channel: z.enum(CHANNELS),
  payee: z.object({ accountId: z.string(), isNew: z.boolean().exactOptional() }).exactOptional(),
  device: z.object({
    id: z.string(),
    imei: z.string().exactOptional(),
    platform: z.string().exactOptional(),
    appVersion: z.string().exactOptional(),
  }),
  ipAddress: z.string(),
  location: Location.exactOptional(),
  behavior: z
    .object({
      sessionId: z.string().exactOptional(),
      features: z.record(z.string(), z.number()),
    })
    .exactOptional(),
  telcoUsage: z.record(z.string(), z.unknown()).exactOptional(),
  occurredAt: IsoDate,
});

const Profile = z.object({
  userId: z.string(),
  phoneNumber: z.string(),
  devices: z.array(
    z.object({ id: z.string(), imei: z.string().exactOptional(), boundAt: IsoDate }),
  ),
  homeLocation: z.object({ lat: z.number(), lon: z.number() }).exactOptional(),
  enrolledFactors: z.array(z.enum(['WEBAUTHN', 'TOTP'])),
  contacts: z.object({ email: z.string().exactOptional() }),
}) satisfies z.ZodType<UserProfile>;

const SimSwap = z.object({
  signal: z
    .object({
      phoneNumber: z.string(),
      lastSwapAt: IsoDate.nullable(),
      checkedAt: IsoDate,
      source: z.string(),
      monitoredPeriodHours: z.number().exactOptional(),
    })
    .nullable(),
  freshness: z.enum(['FRESH', 'STALE', 'UNAVAILABLE']),
});

/** A `UserHistory` from its JSON form: here, and the `historyJson` of `userHistory/{userId}`. */
export const HistoryJson = historyOf(IsoDate);

/** A decision's effects from their JSON form (`effectsJson` of `decisions/{decisionId}`). */
export const EffectsJson = effectsOf(IsoDate);

const Behavior = z.object({
  score: z.number(),
  distance: z.number(),
  baselineVersion: z.number().int(),
  topAnomalies: z.array(z.string()),
  fusedScore: z.number(),
  shieldLevel: z.enum(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']),
  simSwapActive: z.boolean(),
  zScores: z.array(z.object({ name: z.string(), z: z.number() })),
  imputed: z.array(z.string()),
}) satisfies z.ZodType<BehaviorSignal>;

/** The context of `decisions/{decisionId}`, parsed from its JSON text. */
export const DecisionContextJson = z.object({
  payment: Payment,
  profile: Profile.nullable().default(null),
  simSwap: SimSwap.nullable().default(null),
  history: HistoryJson,
  degraded: z.boolean(),
  behaviorBaseline: z
    .object({
      version: z.number().int(),
      schemaVersion: z.string(),
      n: z.number().int(),
      fittedAt: IsoDate,
    })
    .nullable()
    .default(null),
  deviceSightings: z
    .array(
      // A sighting recorded before `bound` existed reads as bound: it never freezes that account.
      z.object({
        userId: z.string(),
        deviceId: z.string(),
        at: IsoDate,
        bound: z.boolean().default(true),
      }),
    )
    .default([]),
  accountFrozen: z.boolean().default(false),
  enrolledFactors: z
    .object({
      source: z.enum(FACTOR_SOURCES),
      methods: z.array(z.enum(['WEBAUTHN', 'TOTP'])),
      locked: z.array(z.enum(['WEBAUTHN', 'TOTP'])),
    })
    .nullable()
    .default(null),
  behaviorSignal: Behavior.exactOptional(),
}) satisfies z.ZodType<DecisionContext>;

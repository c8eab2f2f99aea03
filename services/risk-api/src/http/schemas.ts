import { z } from '@hono/zod-openapi';
import { CHANNELS, LOCATION_SOURCES, parseTelcoUsage } from '@sentinel/engine';
import { DecisionSchema as ContractDecisionSchema } from '@sentinel/contracts';

// ISO 4217 codes known to this runtime's ICU data (the edge refuses anything else).
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export const TransactionIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:-]+$/, 'may contain only letters, digits and . _ : -');
export const UserIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._:@-]*$/,
    'must start with a letter or digit and contain only letters, digits and . _ : @ -',
  );
export const E164Schema = z
  .string()
  .regex(/^\+[1-9][0-9]{4,14}$/, 'must be an E.164 number such as +27821234567');
const Rfc3339 = z.iso.datetime({ offset: true, message: 'must be an RFC 3339 date-time' });
const Name = z.string().min(1).max(128);

export const MoneySchema = z
  .strictObject({
    minor: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    currency: z
      .string()
      .refine((c) => CURRENCIES.has(c), 'must be an ISO 4217 currency code such as ZAR'),
  })
  .openapi('Money', { description: 'Integer minor units (cents); never a float.' });

const LocationSchema = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  accuracyM: z.number().min(0).max(20_000_000).optional(),
  source: z.enum(LOCATION_SOURCES),
});

// Feature names are identifiers: this also keeps `__proto__` and friends out of records.
export const FeatureName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'must be an identifier');

export const AssessPaymentRequestSchema = z
  .strictObject({
    transactionId: TransactionIdSchema,
    userId: UserIdSchema,
    phoneNumber: E164Schema,
    amount: MoneySchema,
    channel: z.enum(CHANNELS),
    payee: z.strictObject({ accountId: Name, isNew: z.boolean().optional() }).optional(),
    device: z.strictObject({
      id: z.string().min(1).max(256),
      imei: z
        .string()
        .regex(/^\d{14,16}$/, 'must be 14–16 digits')
        .optional(),
      platform: z.string().max(64).optional(),
      appVersion: z.string().max(64).optional(),
    }),
    ipAddress: z.union([z.ipv4(), z.ipv6()], { message: 'must be an IPv4 or IPv6 address' }),
    location: LocationSchema.optional(),
    behavior: z
      .strictObject({
        sessionId: z.string().max(128).optional(),
        features: z
          .record(FeatureName, z.number().refine(Number.isFinite, 'must be finite'))
          .refine((f) => Object.keys(f).length <= 128, 'at most 128 features'),
      })
      .optional(),
    telcoUsage: z
      .record(
        FeatureName,
        z.union([z.number().refine(Number.isFinite), z.string().max(256), z.boolean()]),
      )
      .refine((u) => Object.keys(u).length <= 64, 'at most 64 entries')
      // The keys the usage rules read must have their type and range (the engine's one parser);
      // other keys stay free-form.
      .superRefine((u, ctx) => {
        for (const issue of parseTelcoUsage(u).issues ?? []) {
          ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message });
        }
      })
      .optional()
      .openapi({
        description:
          "The line's telco activity, for the usage rules. Typed keys (others are kept and ignored): " +
          'cellTowerChanges24h, calls24h, sms24h (counts in the last 24 h, integers ≥ 0); dataMb24h ' +
          '(MB in the last 24 h); usualCellTowerChangesPerDay, usualCallsPerDay, usualSmsPerDay, ' +
          "usualDataMbPerDay (the subscriber's own baseline per day, ≥ 0); roaming (boolean); " +
          'roamingCountry (ISO 3166-1 alpha-2). A typed key of the wrong type or range is a 400.',
        example: {
          sms24h: 85,
          usualSmsPerDay: 4,
          calls24h: 3,
          usualCallsPerDay: 12,
          roaming: true,
          roamingCountry: 'MZ',
        },
      }),
    occurredAt: Rfc3339.optional(),
  })
  .openapi('AssessPaymentRequest');

export type AssessPaymentRequest = z.infer<typeof AssessPaymentRequestSchema>;

// The response: the decision contract's own fields (their `meta` carries the OpenAPI
// descriptions), so the answer, the stored record and the event cannot drift apart. Wrapped here
// once because zod gives `openapi` only to schemas built after @hono/zod-openapi loaded, and
// views extending the decision (`DecisionView`) then refer to it instead of copying it.
export const DecisionSchema = z.object(ContractDecisionSchema.shape).openapi('Decision');
export { BehaviorSignalSchema } from '@sentinel/contracts';

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().openapi({ example: 'REQUEST.INVALID_BODY' }),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

export const UserProfileInputSchema = z
  .strictObject({
    phoneNumber: E164Schema,
    devices: z
      .array(
        z.strictObject({
          id: z.string().min(1).max(256),
          imei: z
            .string()
            .regex(/^\d{14,16}$/)
            .optional(),
          boundAt: Rfc3339,
        }),
      )
      .max(32),
    homeLocation: z
      .strictObject({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) })
      .optional(),
    enrolledFactors: z
      .array(z.enum(['WEBAUTHN', 'TOTP']))
      .max(2)
      .default([])
      .openapi({
        description:
          'Factors enrolled with the bank’s own authenticator. Only a fallback: once the auth service holds a record of this customer’s factors (any enrolment through /v1/users/{userId}/passkeys or /totp on the auth service), that record alone counts, and this list is ignored (docs/step-up.md, "Enrolled factors").',
      }),
    contacts: z.strictObject({ email: z.email().optional() }).default({}),
  })
  .openapi('UserProfileInput');

export const UserProfileSchema = UserProfileInputSchema.extend({ userId: z.string() }).openapi(
  'UserProfile',
);

export const FailedLoginInputSchema = z
  .strictObject({ occurredAt: Rfc3339.optional() })
  .openapi('FailedLoginInput');

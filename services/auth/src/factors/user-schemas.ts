import { z } from '@hono/zod-openapi';

// The user routes' boundary schemas, documented in the auth service's OpenAPI. WebAuthn payloads
// are its standard JSON forms (any client library works); SimpleWebAuthn checks their insides.

/** risk-api's user id rule (services/risk-api/src/http/schemas.ts): the same ids on both. */
export const UserIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._:@-]*$/,
    'must start with a letter or digit and contain only letters, digits and . _ : @ -',
  );

export const UserParams = z.object({
  userId: UserIdSchema.openapi({ param: { name: 'userId', in: 'path' }, example: 'alice' }),
});

export const PasskeyParams = UserParams.extend({
  id: z
    .string()
    .min(1)
    .max(1024)
    .openapi({ param: { name: 'id', in: 'path' }, description: 'The credential id, base64url' }),
});

export const RegistrationOptionsInput = z
  .object({
    userName: z.string().min(1).max(64).exactOptional(),
    displayName: z.string().min(1).max(64).exactOptional(),
  })
  .openapi('PasskeyRegistrationOptionsInput');

// Not loose: the response is not validated at run time, and WebAuthn's other members pass through.
export const CreationOptionsSchema = z
  .object({
    challenge: z.string(),
    rp: z.object({ id: z.string().optional(), name: z.string() }),
    user: z.object({ id: z.string(), name: z.string(), displayName: z.string() }),
    pubKeyCredParams: z.array(z.object({ alg: z.number(), type: z.string() })),
  })
  .openapi('PublicKeyCredentialCreationOptionsJSON', {
    description: 'WebAuthn PublicKeyCredentialCreationOptionsJSON: pass to startRegistration()',
  });

export const RegistrationInput = z
  .looseObject({
    id: z.string().min(1),
    rawId: z.string().min(1),
    type: z.literal('public-key'),
    response: z.looseObject({
      clientDataJSON: z.string().min(1),
      attestationObject: z.string().min(1),
      transports: z.array(z.string()).exactOptional(),
    }),
    clientExtensionResults: z.looseObject({}),
    name: z
      .string()
      .min(1)
      .max(64)
      .exactOptional()
      .openapi({ description: 'A label for the customer, e.g. the device' }),
  })
  .openapi('RegistrationResponseJSON', {
    description: 'WebAuthn RegistrationResponseJSON (what startRegistration() returns)',
  });

export const PasskeySchema = z
  .object({
    id: z.string(),
    transports: z.array(z.string()),
    deviceType: z.enum(['singleDevice', 'multiDevice']),
    backedUp: z.boolean(),
    createdAt: z.string(),
    lastUsedAt: z.string().exactOptional(),
    name: z.string().exactOptional(),
  })
  .openapi('Passkey');

export const FactorsSchema = z
  .object({
    userId: z.string(),
    methods: z.array(z.enum(['WEBAUTHN', 'TOTP'])),
    passkeys: z.array(PasskeySchema),
    passkeysLocked: z.boolean(),
    totp: z
      .object({
        status: z.enum(['PENDING', 'ACTIVE', 'LOCKED']),
        confirmedAt: z.string().exactOptional(),
      })
      .nullable(),
  })
  .openapi('CustomerFactors');

export const TotpEnrolmentSchema = z
  .object({ otpauthUri: z.string().openapi({ example: 'otpauth://totp/Sentinel:alice?…' }) })
  .openapi('TotpEnrolment');

export const CodeInput = z.object({ code: z.string().min(1).max(16) }).openapi('TotpCode');

export const TotpConfirmedSchema = z
  .object({ status: z.literal('ACTIVE') })
  .openapi('TotpConfirmed');

import { z } from 'zod';
import { PhoneNumberSchema } from '../domain/phone-number.ts';
import { checkSink } from '../subscriptions/sink-policy.ts';
import { SWAPPED, type SubscriptionSpec } from '../subscriptions/subscription.ts';
import type { CamaraErrorCode } from './camara-error.ts';
import { schemaError } from './json-body.ts';

/** A valid `SubscriptionRequest`, in domain terms. */
export interface CreateSubscription extends SubscriptionSpec {
  /** `config.subscriptionDetail.phoneNumber` (the identifier rules decide if it may be there). */
  readonly phoneNumber?: string;
}

export type ParsedSubscriptionRequest =
  | { readonly ok: true; readonly value: CreateSubscription; readonly code?: never }
  | { readonly ok: false; readonly code: CamaraErrorCode; readonly message: string };

const PROTOCOLS = ['HTTP', 'MQTT3', 'MQTT5', 'AMQP', 'NATS', 'KAFKA'];
const CREDENTIAL_TYPES = ['PLAIN', 'ACCESSTOKEN', 'REFRESHTOKEN'];
const DateTime = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

const SubscriptionRequest = z.object({
  protocol: z.literal('HTTP'),
  sink: z.string(),
  sinkCredential: z
    .object({
      credentialType: z.literal('ACCESSTOKEN'),
      accessToken: z.string().min(1),
      accessTokenExpiresUtc: DateTime,
      accessTokenType: z.literal('bearer'),
    })
    .transform((c) => ({ accessToken: c.accessToken, expiresAt: c.accessTokenExpiresUtc }))
    .exactOptional(),
  types: z.tuple([z.literal(SWAPPED)]),
  config: z.object({
    subscriptionDetail: z.object({ phoneNumber: PhoneNumberSchema.exactOptional() }),
    subscriptionExpireTime: DateTime.exactOptional(),
    subscriptionMaxEvents: z.number().int().min(1).exactOptional(),
  }),
  protocolSettings: z
    .object({
      headers: z.record(z.string(), z.string()).exactOptional(),
      method: z.literal('POST').exactOptional(),
    })
    .exactOptional(),
});

const fail = (code: CamaraErrorCode, message: string): ParsedSubscriptionRequest => ({
  ok: false,
  code,
  message,
});
const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

/**
 * Validates a `SubscriptionRequest` with the specific 400 codes of sim-swap-subscriptions.yaml:
 * a known protocol other than HTTP → INVALID_PROTOCOL; a credential other than ACCESSTOKEN →
 * INVALID_CREDENTIAL; an access token not of type bearer → INVALID_TOKEN; a sink HTTP cannot
 * deliver to → INVALID_SINK. Other schema violations are INVALID_ARGUMENT (a number out of its
 * range OUT_OF_RANGE), as are an expire time or a sink token expiry already past (test plan
 * scenario 24).
 */
export function parseSubscriptionRequest(
  body: unknown,
  now: Date,
  localMode: boolean,
): ParsedSubscriptionRequest {
  const protocol = field(body, 'protocol');
  if (typeof protocol === 'string' && PROTOCOLS.includes(protocol) && protocol !== 'HTTP') {
    return fail('INVALID_PROTOCOL', 'Only HTTP is supported');
  }
  const credential = field(body, 'sinkCredential');
  const credentialType = field(credential, 'credentialType');
  if (typeof credentialType === 'string' && CREDENTIAL_TYPES.includes(credentialType)) {
    if (credentialType !== 'ACCESSTOKEN') {
      return fail('INVALID_CREDENTIAL', 'Only Access token is supported');
    }
    const tokenType = field(credential, 'accessTokenType');
    if (tokenType !== undefined && tokenType !== 'bearer') {
      return fail('INVALID_TOKEN', 'Only bearer token is supported');
    }
  }
  const parsed = SubscriptionRequest.safeParse(body);
  if (!parsed.success) {
    const error = schemaError(parsed.error);
    return fail(error.code, error.message);
  }
  const { sink, sinkCredential, protocolSettings, config } = parsed.data;
  const verdict = checkSink(sink, localMode);
  if (!verdict.ok) {
    return verdict.error === 'INVALID_SINK'
      ? fail('INVALID_SINK', 'sink not valid for the specified protocol')
      : fail('INVALID_ARGUMENT', 'Client specified an invalid argument: sink');
  }
  const { subscriptionDetail, subscriptionExpireTime: expiresAt } = config;
  if (expiresAt !== undefined && expiresAt <= now) {
    return fail('INVALID_ARGUMENT', 'config.subscriptionExpireTime is in the past');
  }
  if (sinkCredential !== undefined && sinkCredential.expiresAt <= now) {
    return fail('INVALID_ARGUMENT', 'sinkCredential.accessTokenExpiresUtc is in the past');
  }
  return {
    ok: true,
    value: {
      sink,
      ...(sinkCredential === undefined ? {} : { sinkCredential }),
      ...(protocolSettings === undefined ? {} : { protocolSettings }),
      ...(subscriptionDetail.phoneNumber === undefined
        ? {}
        : { phoneNumber: subscriptionDetail.phoneNumber }),
      ...(expiresAt === undefined ? {} : { expiresAt }),
      ...(config.subscriptionMaxEvents === undefined
        ? {}
        : { maxEvents: config.subscriptionMaxEvents }),
    },
  };
}

import { DeadlineExceededError, withDeadline, type Clock } from '@sentinel/kernel';
import { z } from 'zod';
import { providerFailure, type ProviderFailure } from '../sim-swap-provider.ts';
import type { AccessTokenSource } from './access-token-source.ts';
import { camaraCall, type CamaraCall } from './camara-call.ts';
import { camaraFailure } from './camara-error.ts';

/** Scopes of sim-swap-subscriptions 0.3.0, one per operation. */
export const SUBSCRIPTION_SCOPES = {
  create: 'sim-swap-subscriptions:org.camaraproject.sim-swap-subscriptions.v0.swapped:create',
  read: 'sim-swap-subscriptions:read',
  delete: 'sim-swap-subscriptions:delete',
} as const;

export interface CreateSubscription {
  readonly phoneNumber: string;
  /** Our webhook URL (https; the local simulator also takes http on loopback). */
  readonly sink: string;
  /** Sent as `sinkCredential` (ACCESSTOKEN, bearer); the operator presents it on every event. */
  readonly sinkToken: string;
  readonly sinkTokenExpiresAt: Date;
  readonly expireTime?: Date;
  readonly maxEvents?: number;
}

export interface CamaraSubscription {
  readonly id: string;
  readonly phoneNumber?: string;
  readonly sink?: string;
  readonly status?: string;
  readonly expiresAt?: Date;
}

export type SubscriptionsResult<T> =
  | { readonly ok: true; readonly value: T; readonly reason?: never }
  | (ProviderFailure & { readonly conflict?: boolean });

const Subscription = z.object({
  id: z.string().min(1),
  sink: z.string().optional(),
  status: z.string().optional(),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  config: z
    .object({ subscriptionDetail: z.object({ phoneNumber: z.string().optional() }).optional() })
    .optional(),
});

function toSubscription(s: z.infer<typeof Subscription>): CamaraSubscription {
  const phoneNumber = s.config?.subscriptionDetail?.phoneNumber;
  return {
    id: s.id,
    ...(phoneNumber === undefined ? {} : { phoneNumber }),
    ...(s.sink === undefined ? {} : { sink: s.sink }),
    ...(s.status === undefined ? {} : { status: s.status }),
    ...(s.expiresAt === undefined ? {} : { expiresAt: new Date(s.expiresAt) }),
  };
}

export interface CamaraSubscriptionsClient {
  /** 201 (sync) or 202 (async, `ACTIVATION_REQUESTED`); 409 comes back with `conflict: true`. */
  create(request: CreateSubscription): Promise<SubscriptionsResult<CamaraSubscription>>;
  /** `value` false when the operator did not know the subscription (404: already gone). */
  delete(subscriptionId: string): Promise<SubscriptionsResult<boolean>>;
  list(): Promise<SubscriptionsResult<readonly CamaraSubscription[]>>;
}

/**
 * Client of CAMARA sim-swap-subscriptions 0.3.0 (`{apiRoot}/sim-swap-subscriptions/v0.3`) with a
 * 2-legged token, so `phoneNumber` goes in `subscriptionDetail`. Only the HTTP protocol and an
 * ACCESSTOKEN sink credential exist in this version.
 */
export function camaraSubscriptionsClient(opts: {
  readonly baseUrl: string;
  readonly tokens: AccessTokenSource;
  readonly timeoutMs?: number;
  readonly label?: string;
  /** Times each call's deadline. */
  readonly clock: Pick<Clock, 'setTimer'>;
}): CamaraSubscriptionsClient {
  const base = `${opts.baseUrl.replace(/\/+$/, '')}/subscriptions`;
  const label = opts.label ?? 'camara-subscriptions';
  const timeoutMs = opts.timeoutMs ?? 5_000;
  const call = (c: Omit<CamaraCall, 'signal' | 'label'>) =>
    withDeadline((signal) => camaraCall(opts.tokens, { ...c, label, signal }), {
      clock: opts.clock,
      ms: timeoutMs,
      what: label,
    }).catch((error: unknown) => {
      if (error instanceof DeadlineExceededError) {
        return providerFailure('TIMEOUT', `${label}: no answer within ${timeoutMs} ms`);
      }
      throw error;
    });

  return {
    async create(request) {
      const response = await call({
        method: 'POST',
        url: base,
        scope: SUBSCRIPTION_SCOPES.create,
        body: {
          protocol: 'HTTP',
          sink: request.sink,
          sinkCredential: {
            credentialType: 'ACCESSTOKEN',
            accessToken: request.sinkToken,
            accessTokenExpiresUtc: request.sinkTokenExpiresAt.toISOString(),
            accessTokenType: 'bearer',
          },
          types: ['org.camaraproject.sim-swap-subscriptions.v0.swapped'],
          config: {
            subscriptionDetail: { phoneNumber: request.phoneNumber },
            ...(request.expireTime === undefined
              ? {}
              : { subscriptionExpireTime: request.expireTime.toISOString() }),
            ...(request.maxEvents === undefined
              ? {}
              : { subscriptionMaxEvents: request.maxEvents }),
          },
        },
      });
      if (!response.ok) {
        return response;
      }
      if (response.status === 201 || response.status === 202) {
        const parsed = Subscription.safeParse(response.body);
        return parsed.success
          ? { ok: true, value: toSubscription(parsed.data) }
          : providerFailure(
              'ERROR',
              `${label}: HTTP ${response.status} without a subscription id`,
              false,
            );
      }
      const failure = camaraFailure(label, response.status, response.body);
      return response.status === 409 ? { ...failure, conflict: true } : failure;
    },

    async delete(subscriptionId) {
      const response = await call({
        method: 'DELETE',
        url: `${base}/${encodeURIComponent(subscriptionId)}`,
        scope: SUBSCRIPTION_SCOPES.delete,
      });
      if (!response.ok) {
        return response;
      }
      if (response.status === 204 || response.status === 202) {
        return { ok: true, value: true };
      }
      if (response.status === 404) {
        return { ok: true, value: false };
      }
      return camaraFailure(label, response.status, response.body);
    },

    async list() {
      const response = await call({ method: 'GET', url: base, scope: SUBSCRIPTION_SCOPES.read });
      if (!response.ok) {
        return response;
      }
      if (response.status !== 200) {
        return camaraFailure(label, response.status, response.body);
      }
      const parsed = z.array(Subscription).safeParse(response.body);
      return parsed.success
        ? { ok: true, value: parsed.data.map(toSubscription) }
        : providerFailure('ERROR', `${label}: list is not an array of subscriptions`, false);
    },
  };
}

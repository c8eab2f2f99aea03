import { randomUUID } from 'node:crypto';
import type { SimSwapSignals } from '@sentinel/store';
import type { Clock } from '@sentinel/kernel';
import { describeError } from '../providers/describe-error.ts';
import { maskPhoneNumber } from '../providers/mask-phone-number.ts';
import { silentLogger, type Logger } from '@sentinel/kernel';
import { createBearerCheck } from './bearer-token.ts';
import {
  parseCamaraNotification,
  type CamaraNotification,
  type TerminationReason,
} from './cloud-event.ts';
import { cloudEventKey, type EventLedger } from './event-ledger.ts';
import type { SubscriptionRefs } from './subscription-refs.ts';

/** `source` of signals written from subscription events. */
export const SUBSCRIPTION_SIGNAL_SOURCE = 'camara-subscription';

export interface CamaraWebhookDeps {
  readonly store: SimSwapSignals;
  readonly ledger: EventLedger;
  /** To trace events that carry only a `subscriptionId` to their number. */
  readonly refs: SubscriptionRefs;
  /** Accepted bearer tokens: the `sinkCredential` we subscribe with (two while rotating). */
  readonly sinkTokens: readonly string[];
  /** Called for `subscription-ended`, except when we deleted the subscription ourselves. */
  readonly resubscribe: (
    phoneNumber: string,
    ended: { readonly subscriptionId: string; readonly terminationReason: TerminationReason },
  ) => Promise<void>;
  readonly clock: Clock;
  readonly logger?: Logger;
}

/** A fetch-style handler: mount it in Hono (`c.req.raw`) or behind functions-framework. */
export type WebhookHandler = (request: Request) => Promise<Response>;

const X_CORRELATOR = /^[a-zA-Z0-9-_:;./<>{}]{0,256}$/;
const MAX_BODY_BYTES = 64 * 1024;

/**
 * The CAMARA SIM swap subscription listener (`POST {sink}`, sim-swap-subscriptions 0.3.0):
 * - bearer must be a sink token (401 otherwise); body a structured-mode CloudEvent (400 otherwise);
 * - idempotent on the event (`source` + `id`): a replay answers 204 and changes nothing; a delivery
 *   racing another of the same event gets 429 with Retry-After (it is being processed);
 * - `swapped` updates the signal at once (`checkedAt` now, source `camara-subscription`; the swap
 *   time never moves backwards); `subscription-ended` calls `resubscribe` unless the reason is
 *   SUBSCRIPTION_DELETED; `subscription-started/-updated` are acknowledged;
 * - 204 on success, 500 when the store fails (the claim is released, so the sender's retry works);
 * - `x-correlator` echoed when valid, 400 when malformed (Commonalities).
 */
export function createCamaraWebhookHandler(deps: CamaraWebhookDeps): WebhookHandler {
  const logger = deps.logger ?? silentLogger;
  const authorized = createBearerCheck(deps.sinkTokens);

  const apply = async (n: CamaraNotification): Promise<string> => {
    if (n.kind === 'acknowledged-only') {
      return 'acknowledged';
    }
    const phoneNumber =
      n.phoneNumber ?? (await deps.refs.findBySubscriptionId(n.subscriptionId))?.phoneNumber;
    if (phoneNumber === undefined) {
      logger.warn('CAMARA event for a subscription we do not know', { kind: n.kind });
      return 'unknown-subscription';
    }
    if (n.kind === 'subscription-ended') {
      if (n.terminationReason === 'SUBSCRIPTION_DELETED') {
        await deps.refs.delete(phoneNumber, n.subscriptionId);
        return 'subscription-deleted';
      }
      await deps.resubscribe(phoneNumber, {
        subscriptionId: n.subscriptionId,
        terminationReason: n.terminationReason,
      });
      return 'resubscribed';
    }
    const stored = await deps.store.getSimSwapSignal(phoneNumber);
    const storedSwap = stored?.lastSwapAt?.getTime() ?? -Infinity;
    // Events can arrive out of order; a SIM swap that happened cannot un-happen.
    const lastSwapAt = new Date(Math.max(storedSwap, n.swappedAt.getTime()));
    await deps.store.putSimSwapSignal({
      phoneNumber,
      lastSwapAt,
      checkedAt: deps.clock.now(),
      source: SUBSCRIPTION_SIGNAL_SOURCE,
      ...(stored?.monitoredPeriodHours === undefined
        ? {}
        : { monitoredPeriodHours: stored.monitoredPeriodHours }),
    });
    logger.info('SIM swap signal updated from a CAMARA event', {
      phoneNumber: maskPhoneNumber(phoneNumber),
    });
    return 'signal-updated';
  };

  return async (request) => {
    const given = request.headers.get('x-correlator');
    if (given !== null && !X_CORRELATOR.test(given)) {
      return problem(400, 'INVALID_ARGUMENT', 'x-correlator is malformed', randomUUID());
    }
    const correlator = given !== null && given !== '' ? given : randomUUID();
    if (request.method !== 'POST') {
      return problem(405, 'METHOD_NOT_ALLOWED', 'POST a CloudEvent', correlator);
    }
    if (!authorized(request.headers.get('authorization'))) {
      return problem(401, 'UNAUTHENTICATED', 'Request not authenticated.', correlator);
    }
    const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/cloudevents+json' && type !== 'application/json') {
      return problem(400, 'INVALID_ARGUMENT', 'expected a structured-mode CloudEvent', correlator);
    }
    const body = await readJson(request);
    if (!body.ok) {
      return problem(400, 'INVALID_ARGUMENT', body.issue, correlator);
    }
    const parsed = parseCamaraNotification(body.value);
    if (!parsed.ok) {
      return problem(400, 'INVALID_ARGUMENT', parsed.issues.join('; '), correlator);
    }
    const n = parsed.notification;
    const key = cloudEventKey(n.source, n.id);
    try {
      const claim = await deps.ledger.claim(key, deps.clock.now());
      if (claim === 'done') {
        return noContent(correlator);
      }
      if (claim === 'busy') {
        return problem(429, 'TOO_MANY_REQUESTS', 'this event is being processed', correlator, {
          'retry-after': '2',
        });
      }
    } catch (error) {
      logger.error('CAMARA event ledger unavailable', { error: describeError(error) });
      return problem(500, 'INTERNAL', 'try again later', correlator);
    }
    let outcome: string;
    try {
      outcome = await apply(n);
    } catch (error) {
      logger.error('processing a CAMARA event failed', {
        kind: n.kind,
        error: describeError(error),
      });
      await deps.ledger.release(key).catch(() => undefined);
      return problem(500, 'INTERNAL', 'try again later', correlator);
    }
    // The effect is in place; if recording completion fails, a retry after the lease reapplies
    // it, which is harmless.
    await deps.ledger.complete(key, deps.clock.now(), outcome).catch((error: unknown) => {
      logger.warn('recording a processed CAMARA event failed', { error: describeError(error) });
    });
    return noContent(correlator);
  };
}

async function readJson(
  request: Request,
): Promise<{ ok: true; value: unknown } | { ok: false; issue: string }> {
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) {
    return { ok: false, issue: 'body too large' };
  }
  const text = await request.text().catch(() => null);
  if (text === null || Buffer.byteLength(text) > MAX_BODY_BYTES) {
    return { ok: false, issue: 'unreadable or too large body' };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, issue: 'body is not JSON' };
  }
}

/** CAMARA `ErrorInfo` response. */
function problem(
  status: number,
  code: string,
  message: string,
  correlator: string,
  headers: Readonly<Record<string, string>> = {},
): Response {
  return new Response(JSON.stringify({ status, code, message }), {
    status,
    headers: { ...headers, 'content-type': 'application/json', 'x-correlator': correlator },
  });
}

function noContent(correlator: string): Response {
  return new Response(null, { status: 204, headers: { 'x-correlator': correlator } });
}

// One delivery attempt of one escrow event to its tenant's endpoint, signed the Standard Webhooks
// way. What to do next (retry when, dead-letter, log) is the caller's: see retry-schedule.ts.
import type { EscrowEvent } from '@sentinel/contracts';
import { systemClock, type Clock } from '@sentinel/kernel';
import type { WebhookEndpoint } from './endpoints.ts';
import { signPayload } from './signing.ts';

export type DeliveryOutcome = 'DELIVERED' | 'RETRY' | 'GONE';

/** What one attempt did. `error` is a short text for the delivery log, never a secret. */
export interface DeliveryAttempt {
  /** 2xx: DELIVERED; 410 Gone: GONE (stop, Standard Webhooks); anything else: RETRY. */
  readonly outcome: DeliveryOutcome;
  /** The HTTP status, or null when none came (timeout, connection refused). */
  readonly status: number | null;
  readonly durationMs: number;
  readonly error: string | null;
}

export interface DeliverOptions {
  /** The attempt's time: the signed `webhook-timestamp`. */
  readonly now: Date;
  /** Standard Webhooks suggests 15–30 s; ours answers within 10 s or is retried. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
  /** Times the attempt and its timeout (default: the system clock). */
  readonly clock?: Pick<Clock, 'monotonicMs' | 'setTimer'>;
}

export const WEBHOOK_USER_AGENT = 'Sentinel-Webhooks/1';
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * The body of an event's webhook: `{type, timestamp, data}`, Dates in RFC 3339. A pure function of
 * the event with a fixed key order, so every retry sends the same bytes.
 */
export function webhookBody(event: EscrowEvent): string {
  const data = {
    eventId: event.eventId,
    type: event.type,
    tenantId: event.tenantId,
    escrowId: event.escrowId,
    decisionId: event.decisionId,
    transactionId: event.transactionId,
    status: event.status,
    reason: event.reason,
    cause: event.cause,
    amountMinor: event.amountMinor,
    currency: event.currency,
    heldAt: event.heldAt.toISOString(),
    releaseBy: event.releaseBy.toISOString(),
    occurredAt: event.occurredAt.toISOString(),
    sequence: event.sequence,
  } satisfies Record<keyof EscrowEvent, unknown>;
  return JSON.stringify({ type: event.type, timestamp: data.occurredAt, data });
}

const NETWORK_ERRORS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found (DNS)',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection closed',
};

function failureText(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs} ms`;
  }
  // fetch's own message is "fetch failed"; the reason is the cause's code. Messages are not
  // echoed: they may carry the URL, and a URL can hold a token.
  const cause: unknown = error instanceof Error ? error.cause : undefined;
  const code =
    typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : null;
  if (code !== null) {
    return NETWORK_ERRORS[code] ?? `request failed (${code})`;
  }
  return `request failed (${error instanceof Error ? error.name : typeof error})`;
}

function outcomeOf(status: number): DeliveryOutcome {
  if (status >= 200 && status < 300) {
    return 'DELIVERED';
  }
  return status === 410 ? 'GONE' : 'RETRY';
}

/**
 * POSTs `webhookBody(event)` to the endpoint with `webhook-id` = the event's id (the same on every
 * retry) and a signature per endpoint secret. Redirects are not followed (a 3xx is retried).
 * Never throws for the endpoint's failures; throws `WebhookSecretError` for a malformed secret.
 */
export async function deliverWebhook(
  endpoint: Pick<WebhookEndpoint, 'url' | 'secrets'>,
  event: EscrowEvent,
  opts: DeliverOptions,
): Promise<DeliveryAttempt> {
  const body = webhookBody(event);
  const signature = signPayload({
    id: event.eventId,
    timestamp: opts.now,
    body,
    secrets: endpoint.secrets,
  });
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const clock = opts.clock ?? systemClock;
  const started = clock.monotonicMs();
  const elapsed = () => Math.round(clock.monotonicMs() - started);
  const abort = new AbortController();
  const cancelTimeout = clock.setTimer(timeoutMs, () => {
    abort.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError'));
  });
  try {
    const response = await (opts.fetch ?? fetch)(endpoint.url, {
      method: 'POST',
      headers: {
        ...signature,
        'content-type': 'application/json',
        'user-agent': WEBHOOK_USER_AGENT,
      },
      body,
      redirect: 'manual',
      signal: abort.signal,
    });
    // The answer's body is not read: release the connection.
    await response.body?.cancel().catch(() => undefined);
    const outcome = outcomeOf(response.status);
    return {
      outcome,
      status: response.status,
      durationMs: elapsed(),
      error: outcome === 'DELIVERED' ? null : `HTTP ${response.status}`,
    };
  } catch (error) {
    return {
      outcome: 'RETRY',
      status: null,
      durationMs: elapsed(),
      error: failureText(error, timeoutMs),
    };
  } finally {
    cancelTimeout();
  }
}

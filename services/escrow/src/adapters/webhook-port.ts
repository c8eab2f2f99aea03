import type { EscrowEvent } from '@sentinel/contracts';
import type { Clock } from '@sentinel/kernel';
import type { TenantId } from '@sentinel/store';
import type { WebhookPort } from '../app/ports.ts';
import { deliverWebhook } from '../webhooks/deliver.ts';
import type { WebhookEndpoints } from '../webhooks/endpoints.ts';
import { nextAttemptAt } from '../webhooks/retry-schedule.ts';

/** The service's webhook port over the tenants' endpoints (ESCROW_WEBHOOKS). */
export function webhookPort(
  endpoints: WebhookEndpoints,
  opts: {
    readonly timeoutMs: number;
    /** Jitter of the retry schedule: `Math.random` in production, fixed in tests. */
    readonly random: () => number;
    readonly fetch?: typeof fetch;
    /**
     * The wall clock of the signed `webhook-timestamp`: receivers check it against their own
     * (±5 min), so it is always real time, also when the service's schedule runs on a test clock.
     */
    readonly signingClock: Pick<Clock, 'now'>;
  },
): WebhookPort {
  return {
    hasEndpoint: (tenant: TenantId) => endpoints.has(tenant),
    async deliver(tenant: TenantId, event: EscrowEvent) {
      const endpoint = endpoints.get(tenant);
      if (endpoint === undefined) {
        return { outcome: 'GONE', status: null, durationMs: 0, error: 'no endpoint' };
      }
      return deliverWebhook(endpoint, event, {
        now: opts.signingClock.now(),
        timeoutMs: opts.timeoutMs,
        ...(opts.fetch === undefined ? {} : { fetch: opts.fetch }),
      });
    },
    nextAttemptAt: (attempts, last) => nextAttemptAt(attempts, last, opts.random),
  };
}

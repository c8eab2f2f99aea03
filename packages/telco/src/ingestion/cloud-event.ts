import { z } from 'zod';
import { E164 } from '../providers/sim-swap-provider.ts';

// sim-swap-subscriptions 0.3.0 event types. `subscription-started`/`-updated` appear in the spec's
// discriminator under this API's namespace and in its enum under a leftover `api-name` placeholder
// (research/camara.md §5.1): both spellings are accepted and acknowledged without action.
export const SWAPPED = 'org.camaraproject.sim-swap-subscriptions.v0.swapped';
export const SUBSCRIPTION_ENDED = 'org.camaraproject.sim-swap-subscriptions.v0.subscription-ended';
const ACKNOWLEDGED_ONLY = new Set([
  'org.camaraproject.sim-swap-subscriptions.v0.subscription-started',
  'org.camaraproject.sim-swap-subscriptions.v0.subscription-updated',
  'org.camaraproject.api-name.v0.subscription-started',
  'org.camaraproject.api-name.v0.subscription-updated',
]);

export const TERMINATION_REASONS = [
  'MAX_EVENTS_REACHED',
  'NETWORK_TERMINATED',
  'SUBSCRIPTION_EXPIRED',
  'ACCESS_TOKEN_EXPIRED',
  'SUBSCRIPTION_DELETED',
] as const;
export type TerminationReason = (typeof TERMINATION_REASONS)[number];

const DateTime = z.iso.datetime({ offset: true });
const PhoneNumber = z.string().regex(E164);
const SubscriptionId = z.string().min(1).max(256);

/** CloudEvents 1.0 structured mode, as the `CloudEvent` schema of sim-swap-subscriptions.yaml. */
const CloudEvent = z.object({
  id: z.string().min(1).max(256),
  source: z.string().min(1).max(1024),
  specversion: z.literal('1.0'),
  type: z.string().min(1).max(256),
  time: DateTime,
  datacontenttype: z.literal('application/json').optional(),
  data: z.unknown().optional(),
});

/** `Swapped` (0.3.0: phoneNumber optional). `latestSimChange` is not in the schema; an operator
 * that sends it anyway tells us the swap time more exactly than the event `time`. */
const SwappedData = z.object({
  subscriptionId: SubscriptionId,
  phoneNumber: PhoneNumber.optional(),
  latestSimChange: DateTime.optional(),
});

/** `SubscriptionEnded`; its spec example also carries `phoneNumber`, so that is read too. */
const SubscriptionEndedData = z.object({
  subscriptionId: SubscriptionId,
  terminationReason: z.enum(TERMINATION_REASONS),
  terminationDescription: z.string().optional(),
  phoneNumber: PhoneNumber.optional(),
});

interface EventIdentity {
  readonly id: string;
  readonly source: string;
}

export type CamaraNotification = EventIdentity &
  (
    | {
        readonly kind: 'swapped';
        readonly subscriptionId: string;
        readonly phoneNumber?: string;
        /** `latestSimChange` when sent, else the event `time` (when the swap occurred). */
        readonly swappedAt: Date;
      }
    | {
        readonly kind: 'subscription-ended';
        readonly subscriptionId: string;
        readonly phoneNumber?: string;
        readonly terminationReason: TerminationReason;
      }
    | { readonly kind: 'acknowledged-only'; readonly type: string }
  );

export type ParseNotificationResult =
  | { readonly ok: true; readonly notification: CamaraNotification; readonly issues?: never }
  | { readonly ok: false; readonly issues: readonly string[]; readonly notification?: never };

/** Validates a structured-mode CloudEvent body. Issues name fields and rules, never values. */
export function parseCamaraNotification(body: unknown): ParseNotificationResult {
  const event = CloudEvent.safeParse(body);
  if (!event.success) {
    return { ok: false, issues: describeIssues(event.error) };
  }
  const { id, source, type, time, data } = event.data;
  if (type === SWAPPED) {
    const parsed = SwappedData.safeParse(data);
    if (!parsed.success) {
      return { ok: false, issues: describeIssues(parsed.error, 'data') };
    }
    const { subscriptionId, phoneNumber, latestSimChange } = parsed.data;
    return {
      ok: true,
      notification: {
        kind: 'swapped',
        id,
        source,
        subscriptionId,
        ...(phoneNumber === undefined ? {} : { phoneNumber }),
        swappedAt: new Date(latestSimChange ?? time),
      },
    };
  }
  if (type === SUBSCRIPTION_ENDED) {
    const parsed = SubscriptionEndedData.safeParse(data);
    if (!parsed.success) {
      return { ok: false, issues: describeIssues(parsed.error, 'data') };
    }
    const { subscriptionId, terminationReason, phoneNumber } = parsed.data;
    return {
      ok: true,
      notification: {
        kind: 'subscription-ended',
        id,
        source,
        subscriptionId,
        terminationReason,
        ...(phoneNumber === undefined ? {} : { phoneNumber }),
      },
    };
  }
  if (ACKNOWLEDGED_ONLY.has(type)) {
    return { ok: true, notification: { kind: 'acknowledged-only', id, source, type } };
  }
  return { ok: false, issues: ['type: not a sim-swap-subscriptions event type'] };
}

function describeIssues(error: z.ZodError, prefix?: string): string[] {
  return error.issues.map((issue) => {
    const path = [...(prefix === undefined ? [] : [prefix]), ...issue.path.map(String)].join('.');
    return `${path || '(body)'}: ${issue.code}`;
  });
}

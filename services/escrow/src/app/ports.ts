import type { EscrowEvent } from '@sentinel/contracts';
import type { SimSwapSignal } from '@sentinel/engine';
import type { TenantId } from '@sentinel/store';

// What the escrow service needs from outside: adapters/ implements each.

/** The payment stack's webhook, as the service needs it (webhooks/ implements it). */
export interface WebhookPort {
  /** Whether the tenant has an endpoint; a tenant without one gets NO_ENDPOINT. */
  hasEndpoint(tenant: TenantId): boolean;
  /** One delivery attempt of one event to the tenant's endpoint (signed at wall-clock time). */
  deliver(tenant: TenantId, event: EscrowEvent): Promise<WebhookResult>;
  /** When to try again after `attempts` failed attempts, the last at `last`; null: give up. */
  nextAttemptAt(attempts: number, last: Date): Date | null;
}

export interface WebhookResult {
  readonly outcome: 'DELIVERED' | 'RETRY' | 'GONE';
  readonly status: number | null;
  readonly durationMs: number;
  readonly error: string | null;
}

/** Publishes an escrow event on `escrow-events`; rejects when Pub/Sub does not take it. */
export interface EscrowEventPublisher {
  publish(event: EscrowEvent): Promise<void>;
}

/** The telco signal of a number, as ingestion keeps it. */
export interface SignalReader {
  getSimSwapSignal(phoneNumber: string): Promise<SimSwapSignal | null>;
}

import {
  apiKeyEntries,
  envFields,
  type ConfigResult,
  type Env,
  type LogLevel,
} from '@sentinel/kernel';
import { DEFAULT_TENANT, type TenantId } from '@sentinel/store';

/** A key and the tenant it acts for; `admin` keys may also release and reverse. */
export interface EscrowKey {
  readonly tenant: TenantId;
  readonly key: string;
  readonly role: 'client' | 'admin';
}

export interface EscrowConfig {
  readonly projectId: string;
  readonly keys: readonly EscrowKey[];
  /** ESCROW_WEBHOOKS as given: the per-tenant endpoints and secrets (webhooks/endpoints.ts). */
  readonly webhooksJson: string | null;
  readonly webhookTimeoutMs: number;
  readonly eventsTopic: string;
  readonly eventsSchemaId: string;
  readonly deadLetterTopic: string;
  readonly ensureTopics: boolean;
  /** The bearer token of `POST /internal/sweep` (Cloud Scheduler); null: no such route. */
  readonly sweepToken: string | null;
  readonly logLevel: LogLevel;
}

/**
 * The escrow functions' environment (docs/escrow.md lists every variable). The escrow runs on
 * Firestore only: its guarantees are Firestore transactions.
 */
export function loadEscrowConfig(env: Env): ConfigResult<EscrowConfig> {
  const f = envFields(env);
  const { store, projectId } = f.store('SENTINEL_STORE');
  if (store !== 'firestore') {
    f.issue('SENTINEL_STORE', 'the escrow runs on Firestore only (its emulator locally)');
  }
  f.required('SENTINEL_API_KEYS', 'at least one API key is required');
  const keys: EscrowKey[] = [
    ...apiKeyEntries(f, 'SENTINEL_API_KEYS', DEFAULT_TENANT).map(({ id, key }) => ({
      tenant: id,
      key,
      role: 'client' as const,
    })),
    ...apiKeyEntries(f, 'SENTINEL_ADMIN_KEYS', DEFAULT_TENANT).map(({ id, key }) => ({
      tenant: id,
      key,
      role: 'admin' as const,
    })),
  ];
  const webhooksJson = f.optional('ESCROW_WEBHOOKS') ?? null;
  const webhookTimeoutMs = f.int('ESCROW_WEBHOOK_TIMEOUT_MS', {
    min: 100,
    max: 30_000,
    fallback: 10_000,
  });
  const eventsTopic = f.text('ESCROW_EVENTS_TOPIC', { fallback: 'escrow-events' });
  const eventsSchemaId = f.text('ESCROW_EVENTS_SCHEMA', { fallback: 'escrow-event' });
  const deadLetterTopic = f.text('ESCROW_DEAD_LETTER_TOPIC', { fallback: 'escrow-dead-letters' });
  const ensureTopics = f.flag('SENTINEL_ENSURE_TOPIC') ?? false;
  const sweepToken = f.secret('ESCROW_SWEEP_TOKEN', 24) ?? null;
  const logLevel = f.logLevel();
  return f.result(() => ({
    projectId,
    keys,
    webhooksJson,
    webhookTimeoutMs,
    eventsTopic,
    eventsSchemaId,
    deadLetterTopic,
    ensureTopics,
    sweepToken,
    logLevel,
  }));
}

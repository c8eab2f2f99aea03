// The local stack's webhook receiver (`npm run webhooks:receive`, and `npm start`): its settings
// from the environment and the line it prints per delivery.
import { parseWebhookEndpoints } from '../webhooks/endpoints.ts';
import {
  startWebhookReceiver,
  type ReceivedWebhook,
  type WebhookReceiver,
} from './webhook-receiver.ts';

export const DEFAULT_RECEIVER_PORT = 8090;

export interface LocalReceiverSettings {
  readonly port: number;
  readonly secrets: readonly string[];
}

export type LocalReceiverSettingsResult =
  | { readonly ok: true; readonly settings: LocalReceiverSettings; readonly issues?: never }
  | { readonly ok: false; readonly issues: readonly string[]; readonly settings?: never };

/**
 * `WEBHOOK_RECEIVER_PORT` (default 8090; 0: any free port); the secrets of every tenant in `ESCROW_WEBHOOKS`, plus
 * `WEBHOOK_SECRET` when set. At least one secret is required.
 */
export function localReceiverSettings(
  env: Readonly<Record<string, string | undefined>>,
): LocalReceiverSettingsResult {
  const issues: string[] = [];
  const portText = env['WEBHOOK_RECEIVER_PORT']?.trim() || String(DEFAULT_RECEIVER_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65_535) {
    issues.push('WEBHOOK_RECEIVER_PORT: must be an integer from 0 (any free port) to 65535');
  }
  const secrets = new Set<string>();
  const endpoints = parseWebhookEndpoints(env['ESCROW_WEBHOOKS'] ?? '');
  if (endpoints.ok) {
    for (const endpoint of endpoints.endpoints.values()) {
      endpoint.secrets.forEach((secret) => secrets.add(secret));
    }
  } else {
    issues.push(...endpoints.issues.map((issue) => `ESCROW_WEBHOOKS: ${issue}`));
  }
  const single = env['WEBHOOK_SECRET']?.trim();
  if (single) {
    secrets.add(single);
  }
  if (secrets.size === 0 && endpoints.ok) {
    issues.push('set ESCROW_WEBHOOKS or WEBHOOK_SECRET: the receiver needs a secret to verify');
  }
  return issues.length > 0
    ? { ok: false, issues }
    : { ok: true, settings: { port, secrets: [...secrets] } };
}

/** `2026-12-06T08:07:31.000Z  esc_0001.2  escrow.released  tx-0001  signature ✓  → 200` */
export function deliveryLine(delivery: ReceivedWebhook, at: Date): string {
  return [
    at.toISOString(),
    delivery.id ?? '(no webhook-id)',
    delivery.type ?? '(no type)',
    delivery.transactionId ?? '(no transactionId)',
    `signature ${delivery.verified ? '✓' : '✗'}`,
    `→ ${delivery.status}`,
  ].join('  ');
}

/**
 * Starts the local receiver from the environment (see `localReceiverSettings`), printing a line
 * per delivery through `out`; throws with every configuration problem listed.
 */
export async function startLocalWebhookReceiver(opts: {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly out: (line: string) => void;
  /** The time printed on a delivery's line. */
  readonly now?: () => Date;
}): Promise<WebhookReceiver> {
  const result = localReceiverSettings(opts.env);
  if (!result.ok) {
    throw new Error(`webhook receiver: ${result.issues.join('; ')}`);
  }
  const now = opts.now ?? (() => new Date());
  const receiver = await startWebhookReceiver({
    port: result.settings.port,
    secrets: result.settings.secrets,
    onDelivery: (delivery) => {
      opts.out(`[webhook] ${deliveryLine(delivery, now())}`);
    },
  });
  opts.out(
    `[webhook] receiver on ${receiver.url}, verifying with ${result.settings.secrets.length} secret(s)`,
  );
  return receiver;
}

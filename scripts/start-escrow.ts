// npm start's escrow part (issue 12): the escrow's functions on 8082 (functions-framework, the
// emulator's push subscriptions, the sweep on a timer) and the payment stack's webhook receiver on
// 8090, which verifies each delivery with the Standard Webhooks reference library and prints it.
import { createHash } from 'node:crypto';
import { startLocalWebhookReceiver } from '@sentinel/escrow/testing';

const env = process.env;
export const ESCROW_PORT = Number(env['ESCROW_PORT'] ?? 8082);
export const ESCROW = `http://127.0.0.1:${ESCROW_PORT}`;
export const RECEIVER_PORT = Number(env['WEBHOOK_RECEIVER_PORT'] ?? 8090);
/**
 * The demo tenant's webhook secret: derived from a public label, so it is no secret at all —
 * local only (docs/webhooks.md: production secrets come from Secret Manager).
 */
const LOCAL_WEBHOOK_SECRET = `whsec_${createHash('sha256')
  .update('sentinel/local-demo-webhook-secret')
  .digest('base64')}`;

/** Starts the receiver in this process and the escrow as a child; resolves to a stop function. */
export async function startLocalEscrow(opts: {
  readonly run: (name: string, script: string, extra: Record<string, string>) => void;
  readonly out: (line: string) => void;
  readonly keys: { readonly apiKeys: string; readonly adminKeys: string; readonly tenant: string };
}): Promise<() => Promise<void>> {
  const webhooks = JSON.stringify({
    [opts.keys.tenant]: {
      url: `http://127.0.0.1:${RECEIVER_PORT}/webhooks`,
      secrets: [LOCAL_WEBHOOK_SECRET],
    },
  });
  const receiver = await startLocalWebhookReceiver({
    env: { WEBHOOK_RECEIVER_PORT: String(RECEIVER_PORT), ESCROW_WEBHOOKS: webhooks },
    out: opts.out,
  });
  opts.run('escrow', 'services/escrow/src/main-local.ts', {
    PORT: String(ESCROW_PORT),
    SENTINEL_STORE: 'firestore',
    SENTINEL_API_KEYS: opts.keys.apiKeys,
    SENTINEL_ADMIN_KEYS: opts.keys.adminKeys,
    ESCROW_WEBHOOKS: webhooks,
    SENTINEL_ENSURE_TOPIC: 'true',
    ESCROW_SWEEP_MS: '5000',
  });
  return () => receiver.close();
}

export function escrowBanner(): string[] {
  return [
    `escrow (functions)  ${ESCROW}   (OpenAPI ${ESCROW}/openapi.json, docs ${ESCROW}/docs; sweep every 5 s)`,
    `webhook receiver    http://127.0.0.1:${RECEIVER_PORT}/webhooks   (plays the payment stack; deliveries are printed here)`,
  ];
}

/** The walkthrough's Bob: no telco coverage, no passkey → held, then verified by a call centre. */
export function bobLines(api: string, apiKey: string, adminKey: string): string[] {
  const pay =
    `curl -s ${api}/v1/assess-payment -H 'Authorization: Bearer ${apiKey}' -H 'Content-Type: application/json' \\\n` +
    `  -d '{"transactionId":"demo-bob-1","userId":"demo-bob","phoneNumber":"+27821230003","amount":{"minor":150000,"currency":"ZAR"},` +
    `"channel":"PAYSHAP","device":{"id":"bob-phone-1"},"ipAddress":"196.25.1.1"}'`;
  return [
    '# 5. Bob: his operator does not cover him (no SIM swap signal, ever) and he has no passkey.',
    '#    He pays R1,500 → STEP_UP with methods [OUT_OF_BAND], escrow HELD (not DENY): the payment',
    '#    waits, unsent, until the bank verifies him. [webhook] escrow.held is printed here:',
    pay,
    '#    A call-centre agent calls him back on the number on record and records it (the escrowId',
    '#    is in the answer) → RELEASED, and [webhook] escrow.released … signature ✓ is printed:',
    `curl -s -X POST ${ESCROW}/v1/escrows/<escrowId>/verifications -H 'Authorization: Bearer ${apiKey}' \\`,
    `  -H 'Content-Type: application/json' -d '{"method":"CALL_CENTRE","result":"PASSED","operator":"cc-agent-117","reference":"CALL-42"}'`,
    `#    (or an admin: POST ${ESCROW}/v1/escrows/<escrowId>/reverse with ${adminKey}; unverified,`,
    '#    it expires after 24 h). The delivery log and the decision both show it:',
    `curl -s ${ESCROW}/v1/escrows/<escrowId>/deliveries -H 'Authorization: Bearer ${apiKey}'`,
  ];
}

// npm run webhooks:receive — the payment stack's side of the escrow webhooks, locally: a receiver
// on 127.0.0.1:8090 (WEBHOOK_RECEIVER_PORT) that verifies each delivery with the Standard Webhooks
// reference library and prints one line per delivery, until SIGINT/SIGTERM. Secrets: every
// tenant's in ESCROW_WEBHOOKS, and/or WEBHOOK_SECRET. (`npm start` calls
// `startLocalWebhookReceiver` from @sentinel/escrow/testing itself.)
import { startLocalWebhookReceiver, type WebhookReceiver } from '@sentinel/escrow/testing';

async function main(): Promise<number> {
  let receiver: WebhookReceiver;
  try {
    receiver = await startLocalWebhookReceiver({
      env: process.env,
      out: (line) => process.stdout.write(`${line}\n`),
    });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve).once('SIGTERM', resolve);
  });
  await receiver.close();
  return 0;
}

// Always a command: scripts/node24.mjs imports the file, so import.meta.main is false there.
process.exitCode = await main();

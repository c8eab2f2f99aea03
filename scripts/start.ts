// npm start: the local stack. Emulators (or in-memory adapters when they cannot start), the
// risk-api on 8080 seeded with demo customers, and a printed walkthrough. Ctrl-C stops it all.
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { startEmulators } from './emulators.ts';

const env = process.env;
const RISK_API_PORT = Number(env['RISK_API_PORT'] ?? 8080);
const PROJECT_ID = env['GOOGLE_CLOUD_PROJECT'] ?? 'demo-sentinel';
const API_KEY = 'local-dev-key';
const ADMIN_KEY = 'local-admin-key';
// The emulator answers a 3-document read in 10–40 ms here (Firestore in-region: single digits);
// with the production budget of 50 ms a busy laptop would turn the demo into safe-mode answers.
// SENTINEL_LATENCY_BUDGET_MS=50 npm start shows production behaviour.
const LOCAL_BUDGET_MS = env['SENTINEL_LATENCY_BUDGET_MS'] ?? '250';
const out = (line = '') => process.stdout.write(line + '\n');

const children: ChildProcess[] = [];
let stopEmulators: (() => Promise<void>) | undefined;
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    out('\nstopping the local stack …');
    for (const child of children) {
      child.kill('SIGTERM');
    }
    await Promise.all(
      children
        .filter((c) => c.exitCode === null)
        .map((c) => new Promise((resolve) => c.once('exit', resolve))),
    );
    await stopEmulators?.();
    out('stopped.');
  }
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

async function waitReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s`);
}

function banner(store: 'firestore' | 'memory', hosts: { firestore?: string; pubsub?: string }) {
  const api = `http://127.0.0.1:${RISK_API_PORT}`;
  const assess = (tx: string, device: string, imei: string) =>
    `curl -s ${api}/v1/assess-payment -H 'Authorization: Bearer ${API_KEY}' -H 'Content-Type: application/json' \\\n` +
    `  -d '{"transactionId":"${tx}","userId":"demo-alice","phoneNumber":"+27821230001","amount":{"minor":125000,"currency":"ZAR"},` +
    `"channel":"PAYSHAP","device":{"id":"${device}","imei":"${imei}"},"ipAddress":"196.25.1.1"}'`;
  out('');
  out('Sentinel local stack is up');
  out('──────────────────────────');
  out(`risk-api            ${api}   (OpenAPI ${api}/openapi.json, docs ${api}/docs)`);
  if (store === 'firestore') {
    out(`Firestore emulator  ${hosts.firestore ?? ''}`);
    out(
      `Pub/Sub emulator    ${hosts.pubsub ?? ''}   (topic risk-decisions, project ${PROJECT_ID})`,
    );
  }
  out(`API key             ${API_KEY}      admin key: ${ADMIN_KEY}`);
  out(
    `Latency budget      ${LOCAL_BUDGET_MS} ms (production: 50; set SENTINEL_LATENCY_BUDGET_MS to change)`,
  );
  out('');
  out('Try it (demo customer Alice, bound device alice-phone-1, passkey enrolled):');
  out('');
  out('# 1. A clean customer on her bound device → APPROVE');
  out(assess('demo-tx-1', 'alice-phone-1', '356938035643809'));
  out('');
  out('# 2. Her SIM is swapped (demo endpoint, as if the telco had reported it 5 minutes ago) …');
  out(
    `curl -s -X PUT ${api}/demo/sim-swaps/+27821230001 -H 'Authorization: Bearer ${API_KEY}' ` +
      `-H 'Content-Type: application/json' -d '{"swappedMinutesAgo":5}'`,
  );
  out(
    '#    … and she pays from her own bound device → STEP_UP, WebAuthn only (no SMS code to the new SIM)',
  );
  out(assess('demo-tx-2', 'alice-phone-1', '356938035643809'));
  out('');
  out('# 3. The same swapped SIM on a new device → DENY');
  out(assess('demo-tx-3', 'attacker-phone-9', '490154203237518'));
  out('');
  out('Ctrl-C stops everything.');
}

async function main(): Promise<void> {
  let store: 'firestore' | 'memory' = 'firestore';
  const hosts: { firestore?: string; pubsub?: string } = {};
  try {
    const emulators = await startEmulators({
      firestorePort: Number(env['FIRESTORE_EMULATOR_PORT'] ?? 8681),
      pubsubPort: Number(env['PUBSUB_EMULATOR_PORT'] ?? 8685),
      projectId: PROJECT_ID,
    });
    stopEmulators = () => emulators.stop();
    hosts.firestore = emulators.firestoreHost;
    hosts.pubsub = emulators.pubsubHost;
  } catch (error) {
    store = 'memory';
    const reason = error instanceof Error ? error.message : String(error);
    out('');
    out('!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!');
    out('!! The Firestore/Pub/Sub emulators could not start; running on IN-MEMORY adapters.');
    out('!! Nothing is persisted and no event reaches Pub/Sub. The API is complete.');
    out(`!! Reason: ${reason}`);
    out('!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!');
  }

  const riskApi = spawn(process.execPath, ['services/risk-api/src/main.ts'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...env,
      PORT: String(RISK_API_PORT),
      HOST: '127.0.0.1',
      GOOGLE_CLOUD_PROJECT: PROJECT_ID,
      SENTINEL_STORE: store,
      SENTINEL_API_KEYS: env['SENTINEL_API_KEYS'] ?? `bank:${API_KEY}`,
      SENTINEL_ADMIN_KEYS: env['SENTINEL_ADMIN_KEYS'] ?? `analyst:${ADMIN_KEY}`,
      SENTINEL_ENSURE_TOPIC: 'true',
      SENTINEL_DEMO: 'true',
      SENTINEL_LATENCY_BUDGET_MS: LOCAL_BUDGET_MS,
      METADATA_SERVER_DETECTION: 'none',
      ...(hosts.firestore === undefined ? {} : { FIRESTORE_EMULATOR_HOST: hosts.firestore }),
      ...(hosts.pubsub === undefined ? {} : { PUBSUB_EMULATOR_HOST: hosts.pubsub }),
    },
  });
  children.push(riskApi);
  riskApi.once('exit', (code) => {
    if (!stopping) {
      out(`risk-api exited (code ${code ?? 'null'}); stopping.`);
      void shutdown(1);
    }
  });

  await waitReady(`http://127.0.0.1:${RISK_API_PORT}/readyz`, 90_000);
  banner(store, hosts);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `npm start failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  void shutdown(1);
});

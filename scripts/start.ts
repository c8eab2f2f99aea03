// npm start: the local stack. Emulators (or in-memory adapters when they cannot start), the CAMARA
// SIM swap simulator on 8083, the telco ingestion on 8084 (webhook + poller), the risk-api on
// 8080, the auth service on 8081 (step-up challenges; SMS through a local fake of Twilio Verify
// whose messages are printed here), the escrow's functions on 8082 with a webhook receiver on
// 8090 (emulators only), demo customers onboarded through the real APIs, and a printed
// walkthrough. Ctrl-C stops it all.
import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildConsole } from '@sentinel/console';
import { demoBehaviour, writeDemoPayments } from './demo-behaviour.ts';
import { DEMO } from './demo-customers.ts';
import { call, waitReady } from './local-http.ts';
import { DEMO_ADMIN_KEY, DEMO_API_KEY, demoKeys } from './demo-keys.ts';
import { localEmulators } from './start-emulators.ts';
import { AUTH, AUTH_PORT, authBanner, startLocalAuth, stepUpLines } from './start-auth.ts';
import { bobLines, ESCROW, escrowBanner, startLocalEscrow } from './start-escrow.ts';

const env = process.env;
const RISK_API_PORT = Number(env['RISK_API_PORT'] ?? 8080);
const SIMULATOR_PORT = Number(env['SIMULATOR_PORT'] ?? 8083);
const INGESTION_PORT = Number(env['INGESTION_PORT'] ?? 8084);
const SIMULATOR = `http://127.0.0.1:${SIMULATOR_PORT}`;
const INGESTION = `http://127.0.0.1:${INGESTION_PORT}`;
const PROJECT_ID = env['GOOGLE_CLOUD_PROJECT'] ?? 'demo-sentinel';
const API_KEY = DEMO_API_KEY;
const ADMIN_KEY = DEMO_ADMIN_KEY;
// The user's SENTINEL_API_KEYS / SENTINEL_ADMIN_KEYS plus the demo tenant's own pair.
const KEYS = demoKeys(env);
// The emulator answers a 3-document read in 10–40 ms here (Firestore in-region: single digits);
// with the production budget of 50 ms a busy laptop would turn the demo into safe-mode answers.
// SENTINEL_LATENCY_BUDGET_MS=50 npm start shows production behaviour.
const LOCAL_BUDGET_MS = env['SENTINEL_LATENCY_BUDGET_MS'] ?? '250';
const out = (line = '') => process.stdout.write(line + '\n');
/** Payment bodies with behavioural snapshots, too long to print: the walkthrough posts the files. */
const DEMO_DIR = join(tmpdir(), 'sentinel-demo');

const children: ChildProcess[] = [];
let stopEmulators: (() => Promise<void>) | undefined;
let stopTwilio: (() => Promise<void>) | undefined;
let stopReceiver: (() => Promise<void>) | undefined;
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
    await stopTwilio?.();
    await stopReceiver?.();
    out('stopped.');
  }
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

function banner(store: 'firestore' | 'memory', hosts: { firestore?: string; pubsub?: string }) {
  const api = `http://127.0.0.1:${RISK_API_PORT}`;
  const postFile = (file: string) =>
    `curl -s ${api}/v1/assess-payment -H 'Authorization: Bearer ${API_KEY}' -H 'Content-Type: application/json' \\\n` +
    `  -d @${join(DEMO_DIR, file)}`;
  const assess = (tx: string, device: string, imei: string, payee = '') =>
    `curl -s ${api}/v1/assess-payment -H 'Authorization: Bearer ${API_KEY}' -H 'Content-Type: application/json' \\\n` +
    `  -d '{"transactionId":"${tx}","userId":"demo-alice","phoneNumber":"+27821230001","amount":{"minor":125000,"currency":"ZAR"},` +
    (payee === '' ? '' : `"payee":{"accountId":"${payee}"},`) +
    `"channel":"PAYSHAP","device":{"id":"${device}","imei":"${imei}"},"ipAddress":"196.25.1.1"}'`;
  out('');
  out('Sentinel local stack is up');
  out('──────────────────────────');
  out(`risk-api            ${api}   (OpenAPI ${api}/openapi.json, docs ${api}/docs)`);
  out(
    `console             http://localhost:${RISK_API_PORT}/console/   (payment app, attacks, analyst view; loopback only — localhost, so passkeys work)`,
  );
  authBanner().forEach(out);
  if (store === 'firestore') {
    escrowBanner().forEach(out);
  }
  out(`CAMARA simulator    ${SIMULATOR}/sim-swap/v2   (token local-camara-token)`);
  if (store === 'firestore') {
    out(`telco ingestion     ${INGESTION}   (CAMARA webhook /camara/webhook, poll every minute)`);
    out(`Firestore emulator  ${hosts.firestore ?? ''}`);
    out(
      `Pub/Sub emulator    ${hosts.pubsub ?? ''}   (topic risk-decisions, project ${PROJECT_ID})`,
    );
  }
  out(`API key             ${API_KEY}      admin key: ${ADMIN_KEY}   (tenant ${KEYS.tenant})`);
  out('Keys accepted       (SENTINEL_API_KEYS / SENTINEL_ADMIN_KEYS plus the demo pair)');
  for (const line of KEYS.accepted) {
    out(`  ${line}`);
  }
  out(
    `Latency budget      ${LOCAL_BUDGET_MS} ms (production: 50; set SENTINEL_LATENCY_BUDGET_MS to change)`,
  );
  out('');
  out('Try it (demo customer Alice, bound device alice-phone-1):');
  out('');
  out('# 1. A clean customer on her bound device → APPROVE');
  out(assess('demo-tx-1', 'alice-phone-1', '356938035643809'));
  out(
    '#    … with a snapshot of how she types, taps and moves (her behavioural baseline was fitted',
  );
  out('#    from 20 of her sessions) → APPROVE, signals.behavior.score ≈ 87 (high = like her)');
  out(postFile('alice-own-session.json'));
  out('');
  out(
    '# 2. Her SIM is swapped at the operator (the simulator; its CAMARA subscription event reaches',
  );
  out(
    `#    Sentinel through the webhook${store === 'firestore' ? '' : ' — in-memory mode: through a live lookup once the stored signal is 5 min old'}) …`,
  );
  out(
    `curl -s -X PUT ${SIMULATOR}/sim-swap/v2/demo/numbers/+27821230001 ` +
      `-H 'Content-Type: application/json' -d '{"swappedHoursAgo":0.1}'`,
  );
  out(
    '#    … and she pays from her own bound device → STEP_UP, WebAuthn only (no SMS code to the new SIM)',
  );
  const stepUpPayment = assess('demo-tx-2', 'alice-phone-1', '356938035643809', 'Bobs Bakery');
  out(stepUpPayment);
  out('');
  stepUpLines(store, stepUpPayment, `${api}/v1/decisions`, API_KEY).forEach(out);
  out('');
  out('# 3. The same swapped SIM on a new device → DENY');
  out(assess('demo-tx-3', 'attacker-phone-9', '490154203237518'));
  out('');
  out(
    '# 4. A bot drives her account with the swapped SIM (SHIELD scenario 3) → DENY, freeze: true …',
  );
  out(postFile('alice-bot-session.json'));
  out('#    … so even her own phone is now refused (ACCOUNT_FROZEN) until an admin unfreezes her');
  out(assess('demo-tx-5', 'alice-phone-1', '356938035643809'));
  out(
    `curl -s -X POST ${api}/v1/users/demo-alice/unfreeze -H 'Authorization: Bearer ${ADMIN_KEY}' ` +
      `-H 'Content-Type: application/json' -d '{"comment":"verified in branch"}'`,
  );
  out('');
  if (store === 'firestore') {
    bobLines(api, API_KEY, ADMIN_KEY).forEach(out);
  } else {
    out(
      '# 5. (Escrow needs the emulators: in-memory mode a held payment stays HELD. docs/escrow.md)',
    );
  }
  out('');
  out(
    `More: docs/behavior.md (behaviour endpoints, freezes), docs/escrow.md (holds, webhooks), ${api}/docs (every endpoint).`,
  );
  out('');
  out('Ctrl-C stops everything.');
}

/**
 * The demo customers, the way a bank and an operator would create them: each number is
 * activated on the simulator (two years ago, never swapped), each customer is onboarded through
 * PUT /v1/users (which watches and subscribes the number), then one poll makes the signals fresh.
 */
async function seed(store: 'firestore' | 'memory'): Promise<void> {
  const now = Date.now();
  for (const c of DEMO) {
    if (!('uncovered' in c)) {
      await call('PUT', `${SIMULATOR}/sim-swap/v2/demo/numbers/${c.phone}`, {
        activatedAt: new Date(now - 730 * 86_400_000).toISOString(),
      });
    }
    await call(
      'PUT',
      `http://127.0.0.1:${RISK_API_PORT}/v1/users/${c.userId}`,
      {
        phoneNumber: c.phone,
        devices: [
          { id: c.device, imei: c.imei, boundAt: new Date(now - 200 * 86_400_000).toISOString() },
        ],
        enrolledFactors: [...c.factors],
        contacts: 'email' in c ? { email: c.email } : {},
      },
      { authorization: `Bearer ${API_KEY}` },
    );
  }
  if (store === 'firestore') {
    // Onboarding watches the numbers in the background; give it a moment, then poll once.
    await sleep(500);
    await call('POST', `${INGESTION}/poll`, {});
  }
  await seedBehaviour(now);
}

/**
 * Alice's behavioural baseline from 20 generated sessions, and two payments with snapshots (too
 * long to print): one of her own sessions and a bot's.
 */
async function seedBehaviour(now: number): Promise<void> {
  const demo = demoBehaviour(2026, new Date(now));
  const api = `http://127.0.0.1:${RISK_API_PORT}/v1/users/demo-alice/behavior`;
  const auth = { authorization: `Bearer ${API_KEY}` };
  await call(
    'POST',
    `${api}/sessions`,
    { sessions: demo.enrolment.map((f) => ({ features: f })) },
    auth,
  );
  await call('POST', `${api}/enroll`, {}, auth);
  writeDemoPayments(DEMO_DIR, demo);
  // The console's demo page: whom to sign in as, and the snapshots its payments carry until the
  // behaviour SDK records real ones.
  await call(
    'PUT',
    `http://127.0.0.1:${RISK_API_PORT}/demo/fixtures`,
    {
      customers: DEMO.map((c) => ({ userId: c.userId, name: c.name })),
      snapshots: { own: demo.own, ...demo.scenarios },
    },
    auth,
  );
}

async function main(): Promise<void> {
  const local = await localEmulators(env, PROJECT_ID, out);
  const store = local.store;
  const hosts = local.hosts;
  stopEmulators = local.stop;

  const common = {
    ...env,
    HOST: '127.0.0.1',
    GOOGLE_CLOUD_PROJECT: PROJECT_ID,
    METADATA_SERVER_DETECTION: 'none',
    ...(hosts.firestore === undefined ? {} : { FIRESTORE_EMULATOR_HOST: hosts.firestore }),
    ...(hosts.pubsub === undefined ? {} : { PUBSUB_EMULATOR_HOST: hosts.pubsub }),
  };
  // Telco: the simulator stands in for every operator (TELCO_ROUTES default `*=simulator`).
  // Subscriptions (and so the webhook) need the ingestion and the risk-api to share a store,
  // which in-memory mode cannot give; there, live lookups keep signals fresh.
  const telco = {
    TELCO_STORE: store,
    TELCO_SIMULATOR_BASE_URL: `${SIMULATOR}/sim-swap/v2`,
    TELCO_WEBHOOK_TOKENS: 'local-sink-token',
    ...(store === 'firestore'
      ? {
          TELCO_SUBSCRIPTIONS_PROVIDER: 'simulator',
          TELCO_WEBHOOK_URL: `${INGESTION}/camara/webhook`,
        }
      : {}),
  };
  const run = (name: string, script: string, extra: Record<string, string>) => {
    const child = spawn(process.execPath, [script], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...common, ...extra },
    });
    children.push(child);
    child.once('exit', (code) => {
      if (!stopping) {
        out(`${name} exited (code ${code ?? 'null'}); stopping.`);
        void shutdown(1);
      }
    });
  };
  run('simulator', 'services/camara-simulator/src/main.ts', {
    PORT: String(SIMULATOR_PORT),
    SIMULATOR_STORE: store,
    SIMULATOR_LOCAL_MODE: 'true',
  });
  if (store === 'firestore') {
    run('telco ingestion', 'services/telco-ingestion/src/main-local.ts', {
      PORT: String(INGESTION_PORT),
      ...telco,
    });
  }
  // The console's static assets, which the risk-api serves under /console.
  await buildConsole();
  run('risk-api', 'services/risk-api/src/main.ts', {
    PORT: String(RISK_API_PORT),
    SENTINEL_STORE: store,
    SENTINEL_API_KEYS: KEYS.apiKeys,
    SENTINEL_ADMIN_KEYS: KEYS.adminKeys,
    SENTINEL_ENSURE_TOPIC: 'true',
    SENTINEL_DEMO: 'true',
    SENTINEL_LATENCY_BUDGET_MS: LOCAL_BUDGET_MS,
    SENTINEL_AUTH_BASE_URL: AUTH,
    // The analyst view records verifications on holds through the risk-api (same origin).
    ...(store === 'firestore' ? { SENTINEL_ESCROW_BASE_URL: ESCROW } : {}),
    // The console's attack panel stages SIM swaps and outages at the operator (the simulator).
    SENTINEL_DEMO_OPERATOR_URL: `${SIMULATOR}/sim-swap/v2/demo`,
    ...telco,
  });

  stopTwilio = await startLocalAuth({
    run,
    out,
    store,
    keys: KEYS,
    // The console's payment app shows the step-up page in its phone frame.
    frameAncestors: [`http://localhost:${RISK_API_PORT}`, `http://127.0.0.1:${RISK_API_PORT}`],
  });
  if (store === 'firestore') {
    stopReceiver = await startLocalEscrow({ run, out, keys: KEYS });
  }

  await waitReady(`${SIMULATOR}/readyz`, 90_000);
  await waitReady(`http://127.0.0.1:${AUTH_PORT}/readyz`, 90_000);
  if (store === 'firestore') {
    await waitReady(`${INGESTION}/readyz`, 90_000);
  }
  await waitReady(`http://127.0.0.1:${RISK_API_PORT}/readyz`, 90_000);
  if (store === 'firestore') {
    await waitReady(`${ESCROW}/readyz`, 90_000);
  }
  await seed(store);
  banner(store, hosts);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `npm start failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  void shutdown(1);
});

// Every deployable's bundle, built by the same function its Dockerfile's build stage runs
// (scripts/bundle.ts), started with the image's CMD, ENV and WORKDIR as Cloud Run would (PORT set,
// K_SERVICE set where the config allows it locally), answering, then stopped with SIGTERM.
// risk-api, auth and the telco ingestion run in memory; the escrow runs on the emulators (its
// guarantees are Firestore transactions), and so does the risk-api once per document form
// (SENTINEL_FIRESTORE_DOCUMENTS: the setting reaches the store). What only a real `docker build` verifies: the base
// image, npm ci inside it, file ownership and the non-root user.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Firestore } from '@google-cloud/firestore';
import { PubSub, type Message } from '@google-cloud/pubsub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle, DEPLOYABLES, type DeployableName } from '../../scripts/bundle.ts';
import { smoke } from '../../scripts/smoke.ts';
import { emulatorHosts, uniqueProjectId } from '../support/emulator-env.ts';
import { commandOf, envOf, readDockerfile } from './support/dockerfile.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const KEYS = 'bank-a:bundle-test-key-aaaaaaaaaaaa';
let out: string;
const running = new Set<ChildProcess>();

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'sentinel-bundles-'));
  await Promise.all(Object.keys(DEPLOYABLES).map((name) => bundle(name as DeployableName, out)));
}, 120_000);

afterAll(() => {
  for (const child of running) {
    child.kill('SIGKILL');
  }
  rmSync(out, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject).listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        resolve(typeof address === 'object' && address !== null ? address.port : 0);
      });
    });
  });
}

interface Started {
  readonly base: string;
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `name`'s bundle as its image would, with `env` on top of the image's ENV. */
async function start(name: DeployableName, env: Record<string, string>): Promise<Started> {
  const runtime = readDockerfile(join(ROOT, 'services', name, 'Dockerfile')).at(-1);
  if (runtime === undefined) {
    throw new Error(`${name}: no runtime stage`);
  }
  const [program, ...args] = commandOf(runtime);
  expect(program).toBe('node');
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, args, {
    cwd: join(out, name),
    env: {
      PATH: process.env['PATH'],
      METADATA_SERVER_DETECTION: 'none',
      ...envOf(runtime),
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  const base = `http://127.0.0.1:${port}`;
  // Wait for the observable end of start-up: the port accepts (or the process gave up).
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`${name} exited at start:\n${output}`);
    }
    if (await accepts(port)) {
      break;
    }
    {
      if (Date.now() > deadline) {
        throw new Error(`${name} did not listen on ${String(port)}:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { base, child, output: () => output, exited };
}

/** Whether something accepts TCP connections on the port (an HTTP probe would run a function). */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
  });
}

/**
 * /readyz until it answers 200 (a dependency on a busy emulator may take a moment after start-up),
 * or its last answer once the deadline passes.
 */
async function readyz(base: string): Promise<{ status: number; body: unknown }> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const res = await fetch(`${base}/readyz`);
    // `unknown`, not the DOM lib's `any` (the program includes the browser SDK).
    const answer = { status: res.status, body: (await res.json()) as unknown };
    if (answer.status === 200 || Date.now() > deadline) {
      return answer;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function stop(started: Started): Promise<void> {
  started.child.kill('SIGTERM');
  expect(await started.exited, started.output()).toEqual({ code: 0, signal: null });
}

describe('each deployable’s bundle, started with its image’s command', () => {
  it('holds production packages only, at the versions package-lock.json pins', () => {
    const root = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string; dev?: boolean }>;
    };
    for (const name of Object.keys(DEPLOYABLES)) {
      const lock = JSON.parse(readFileSync(join(out, name, 'package-lock.json'), 'utf8')) as {
        packages: Record<string, { version?: string; dev?: boolean }>;
      };
      const paths = Object.keys(lock.packages).filter((p) => p !== '');
      expect(paths.length, name).toBeGreaterThan(10);
      for (const path of paths) {
        expect(lock.packages[path]?.dev, `${name} ${path}`).toBeUndefined();
        expect(lock.packages[path]?.version, `${name} ${path}`).toBe(root.packages[path]?.version);
      }
      for (const tool of ['typescript', 'vitest', 'esbuild', 'eslint', '@sentinel/kernel']) {
        expect(existsSync(join(out, name, 'node_modules', tool)), `${name} ${tool}`).toBe(false);
      }
    }
  });

  it('risk-api leaves out what a start in memory never runs: no esbuild, Twilio and Pub/Sub imported only when needed', () => {
    const main = readFileSync(join(out, 'risk-api', 'main.mjs'), 'utf8');
    // Static imports are loaded before the first line runs; these two must stay dynamic.
    expect(main).not.toMatch(/^import [^;]* from "(twilio|@google-cloud\/pubsub)";$/m);
    expect(main).toContain('await import("twilio")');
    expect(main).toContain('await import("@google-cloud/pubsub")');
    // The console's build step (esbuild) is never reached from main.ts, so never bundled.
    expect(main).not.toContain('esbuild');
    expect(existsSync(join(out, 'risk-api', 'node_modules', 'twilio'))).toBe(true);
  });

  it('risk-api answers /readyz and serves its docs assets from the installed package', async () => {
    const api = await start('risk-api', { SENTINEL_STORE: 'memory', SENTINEL_API_KEYS: KEYS });
    expect(await readyz(api.base)).toEqual({ status: 200, body: { status: 'ready' } });
    expect((await fetch(`${api.base}/docs/assets/swagger-ui.css`)).status).toBe(200);
    await stop(api);
    expect(api.output()).toContain('"message":"shutting down"');
  });

  it('risk-api serves the console built into its image when an operator turns it on', async () => {
    const api = await start('risk-api', {
      SENTINEL_STORE: 'memory',
      SENTINEL_API_KEYS: KEYS,
      SENTINEL_CONSOLE: 'true',
    });
    expect((await readyz(api.base)).status).toBe(200);
    const page = await fetch(`${api.base}/console/demo`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const script = /src="(\/console\/assets\/demo\.js)"/.exec(html)?.[1];
    expect(script).toBe('/console/assets/demo.js');
    expect((await fetch(`${api.base}${script ?? ''}`)).status).toBe(200);
    // No demo: the page gets no keys.
    const config: unknown = await (await fetch(`${api.base}/console/config.json`)).json();
    expect(config).toMatchObject({ demo: false, apiKey: null });
    await stop(api);
  });

  it('risk-api with SENTINEL_WORKERS=2: two workers share the port; SIGTERM stops both, exit 0', async () => {
    const api = await start('risk-api', {
      SENTINEL_STORE: 'memory',
      SENTINEL_API_KEYS: KEYS,
      SENTINEL_WORKERS: '2',
    });
    expect((await readyz(api.base)).status).toBe(200);
    // Each request on a connection of its own: the supervisor hands connections round robin to
    // the workers already listening. /readyz answered once one was; ask until both have answered
    // (the observable end of the second one's start-up), for at most 20 s.
    const workers = new Set<unknown>();
    const deadline = Date.now() + 20_000;
    while (workers.size < 2 && Date.now() < deadline) {
      const res = await fetch(`${api.base}/healthz`, { headers: { connection: 'close' } });
      workers.add(((await res.json()) as { worker?: unknown }).worker);
      if (workers.size < 2) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    expect([...workers].sort()).toEqual([1, 2]);
    await stop(api);
    expect(api.output()).toContain('"workers":2');
  });

  it.each([
    ['text', ['decisionJson', 'effectsJson'], 'historyJson'],
    ['maps', ['decision', 'effects'], 'recentPayments'],
  ] as const)(
    'risk-api on the emulators writes its records and histories as SENTINEL_FIRESTORE_DOCUMENTS=%s says',
    async (form, recordFields, historyField) => {
      const { firestore, pubsub } = emulatorHosts();
      const projectId = uniqueProjectId('bundle-documents');
      // Terraform creates the topics in a project; the image cannot (no Avro files in it).
      const topics = new PubSub({ projectId });
      await Promise.all(['risk-decisions', 'risk-outcomes'].map((t) => topics.createTopic(t)));
      await topics.close();
      const api = await start('risk-api', {
        SENTINEL_STORE: 'firestore',
        GOOGLE_CLOUD_PROJECT: projectId,
        FIRESTORE_EMULATOR_HOST: firestore,
        PUBSUB_EMULATOR_HOST: pubsub,
        SENTINEL_API_KEYS: KEYS,
        SENTINEL_FIRESTORE_DOCUMENTS: form,
      });
      expect(await readyz(api.base)).toMatchObject({ status: 200 });
      const res = await fetch(`${api.base}/v1/assess-payment`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${KEYS.split(':')[1] ?? ''}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          transactionId: `bundle-${form}`,
          userId: 'bundle-user',
          phoneNumber: '+27820000000',
          amount: { minor: 100, currency: 'ZAR' },
          channel: 'PAYSHAP',
          device: { id: 'bundle-device' },
          ipAddress: '196.25.1.1',
        }),
      });
      const { decisionId } = (await res.json()) as { decisionId: string };
      expect(res.status).toBe(200);
      const db = new Firestore({ projectId, host: firestore, ssl: false });
      try {
        // The record is committed before the answer; the history follows with the delivery.
        const record = (await db.doc(`tenants/bank-a/decisions/${decisionId}`).get()).data();
        expect(Object.keys(record ?? {})).toEqual(expect.arrayContaining([...recordFields]));
        const history = db.doc('tenants/bank-a/userHistory/bundle-user');
        let written = await history.get();
        while (!written.exists) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          written = await history.get();
        }
        expect(Object.keys(written.data() ?? {})).toContain(historyField);
      } finally {
        await db.terminate();
      }
      await stop(api);
    },
  );

  it('auth honours PORT, answers /readyz and serves the step-up page with its assets', async () => {
    const auth = await start('auth', { SENTINEL_STORE: 'memory', SENTINEL_API_KEYS: KEYS });
    expect((await readyz(auth.base)).status).toBe(200);
    for (const asset of ['step-up.js', 'step-up.css', 'simplewebauthn-browser.js']) {
      expect((await fetch(`${auth.base}/challenge-assets/${asset}`)).status, asset).toBe(200);
    }
    await stop(auth);
  });

  it('the smoke script passes against the risk-api and auth bundles, and fails on a wrong key', async () => {
    const api = await start('risk-api', { SENTINEL_STORE: 'memory', SENTINEL_API_KEYS: KEYS });
    const auth = await start('auth', { SENTINEL_STORE: 'memory', SENTINEL_API_KEYS: KEYS });
    const key = KEYS.slice(KEYS.indexOf(':') + 1);
    const checks = await smoke({ riskApi: api.base, auth: auth.base, apiKey: key });
    expect(checks.map((c) => [c.name, c.ok])).toEqual([
      ['risk-api /readyz', true],
      ['assess-payment', true],
      ['assess-payment replay (idempotent)', true],
      ['read the decision back', true],
      ['auth /readyz', true],
    ]);
    const refused = await smoke({ riskApi: api.base, apiKey: 'not-a-key' });
    expect(refused.find((c) => c.name === 'assess-payment')).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/^answered 401/) as unknown,
    });
    await Promise.all([stop(api), stop(auth)]);
  });

  it('escrow: escrowApi answers /readyz; each CloudEvent target takes a raw push as Terraform sends it', async () => {
    const { firestore, pubsub: pubsubHost } = emulatorHosts();
    const projectId = uniqueProjectId('bundle');
    const env = {
      SENTINEL_STORE: 'firestore',
      GOOGLE_CLOUD_PROJECT: projectId,
      FIRESTORE_EMULATOR_HOST: firestore,
      PUBSUB_EMULATOR_HOST: pubsubHost,
      SENTINEL_API_KEYS: KEYS,
    };
    const api = await start('escrow', { ...env, FUNCTION_TARGET: 'escrowApi' });
    expect(await readyz(api.base)).toMatchObject({ status: 200, body: { status: 'ready' } });
    await stop(api);

    // An unreadable message goes to escrow-dead-letters and is acknowledged (2xx).
    const pubsub = new PubSub({ projectId });
    const [deadLetters] = await pubsub.createTopic('escrow-dead-letters');
    const [watch] = await deadLetters.createSubscription('bundle-check');
    const targets = [
      ['escrowOnDecision', 'risk-decisions'],
      ['escrowOnOutcome', 'risk-outcomes'],
    ] as const;
    for (const [target, topic] of targets) {
      const fn = await start('escrow', {
        ...env,
        FUNCTION_TARGET: target,
        FUNCTION_SIGNATURE_TYPE: 'cloudevent',
      });
      const received = new Promise<Record<string, string>>((resolve) => {
        watch.once('message', (message: Message) => {
          message.ack();
          resolve(message.attributes);
        });
      });
      // The push endpoint's path as infra/terraform sets it: …/projects/{project}/topics/{topic}.
      const answer = await fetch(`${fn.base}/projects/${projectId}/topics/${topic}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          subscription: `projects/${projectId}/subscriptions/escrow-check`,
          message: {
            data: Buffer.from('not json').toString('base64'),
            messageId: `m-${target}`,
            attributes: {},
            publishTime: new Date(0).toISOString(),
          },
        }),
      });
      expect(answer.status, `${target}: ${fn.output()}`).toBeLessThan(300);
      expect(await received).toMatchObject({ deadLetterSource: expect.any(String) as unknown });
      await stop(fn);
    }
    await watch.close();
    await pubsub.close();
  });

  it('telco-ingestion: camaraWebhook refuses an unauthenticated call; pollSimSwaps polls', async () => {
    const env = { TELCO_STORE: 'memory' };
    const webhook = await start('telco-ingestion', { ...env, FUNCTION_TARGET: 'camaraWebhook' });
    expect((await fetch(webhook.base, { method: 'POST', body: '{}' })).status).toBe(401);
    await stop(webhook);
    const poll = await start('telco-ingestion', { ...env, FUNCTION_TARGET: 'pollSimSwaps' });
    const report = await fetch(poll.base, { method: 'POST' });
    expect(report.status, poll.output()).toBe(200);
    await stop(poll);
  });
});

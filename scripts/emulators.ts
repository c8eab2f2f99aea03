// The local Firestore and Pub/Sub emulators, run through the Google Cloud CLI. A library for
// `npm start` and the integration tests' global setup, and a CLI (`npm run emulators`) that prints
// the two `export …_EMULATOR_HOST=` lines and stays up until Ctrl-C.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const INSTALL_HINT =
  'Install the Google Cloud CLI (https://cloud.google.com/sdk/docs/install) with the emulator ' +
  'components (`gcloud components install beta cloud-firestore-emulator pubsub-emulator`, or the ' +
  'apt packages google-cloud-cli-firestore-emulator google-cloud-cli-pubsub-emulator) and a Java ' +
  'JRE >= 17 on PATH (Java 21 is required by gcloud releases after 528.0.0).';

const READY_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 5_000;
const TAIL_LINES = 25;

export type EmulatorErrorCode =
  'EMULATOR.NOT_INSTALLED' | 'EMULATOR.PORT_IN_USE' | 'EMULATOR.START_FAILED';

/** Why the emulators could not start; `message` says what to do about it. */
export class EmulatorError extends Error {
  readonly code: EmulatorErrorCode;
  constructor(code: EmulatorErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'EmulatorError';
    this.code = code;
  }
}

export interface EmulatorOptions {
  /** Default: env FIRESTORE_EMULATOR_PORT, else 8681. */
  firestorePort?: number;
  /** Default: env PUBSUB_EMULATOR_PORT, else 8685. */
  pubsubPort?: number;
  projectId: string;
  /** Pub/Sub emulator state and config (`--data-dir`); the Firestore emulator keeps data in memory. */
  dataDir?: string;
  /** How long each emulator may take to answer `GET /` with "Ok". Default 90 s. */
  timeoutMs?: number;
}

export interface Emulators {
  /** `127.0.0.1:PORT`, the value for FIRESTORE_EMULATOR_HOST. */
  firestoreHost: string;
  /** `127.0.0.1:PORT`, the value for PUBSUB_EMULATOR_HOST. */
  pubsubHost: string;
  /** Resolves with a description if an emulator exits before stop() (it never rejects). */
  crashed: Promise<string>;
  /** SIGTERM both process groups, SIGKILL after 5 s, and wait until they are gone. Idempotent. */
  stop(): Promise<void>;
  /** The process group of each emulator (gcloud and its JVM): the benchmark reads their CPU. */
  readonly processGroups: { readonly firestore: number | null; readonly pubsub: number | null };
}

interface Running {
  name: string;
  child: ChildProcess;
  tail: string[];
  exited: Promise<string>;
}

/** Throws EMULATOR.NOT_INSTALLED unless `gcloud` and a Java >= 17 are on PATH. */
export function checkPrerequisites(env: NodeJS.ProcessEnv = process.env): void {
  const path = env['PATH'] ?? '';
  if (findOnPath('gcloud', path) === undefined) {
    throw new EmulatorError('EMULATOR.NOT_INSTALLED', `gcloud is not on PATH. ${INSTALL_HINT}`);
  }
  const java = findOnPath('java', path);
  if (java === undefined) {
    throw new EmulatorError('EMULATOR.NOT_INSTALLED', `java is not on PATH. ${INSTALL_HINT}`);
  }
  const out = spawnSync(java, ['-version'], { encoding: 'utf8' });
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${out.stderr}${out.stdout}`);
  const major = match ? Number(match[1] === '1' ? match[2] : match[1]) : 0;
  if (major < 17) {
    const found = match ? `Java ${major}` : 'a Java whose version could not be read';
    throw new EmulatorError('EMULATOR.NOT_INSTALLED', `${java} is ${found}. ${INSTALL_HINT}`);
  }
}

/** Starts both emulators on 127.0.0.1 and resolves once both answer; see EmulatorOptions. */
export async function startEmulators(options: EmulatorOptions): Promise<Emulators> {
  const env = process.env;
  const firestorePort = options.firestorePort ?? Number(env['FIRESTORE_EMULATOR_PORT'] ?? 8681);
  const pubsubPort = options.pubsubPort ?? Number(env['PUBSUB_EMULATOR_PORT'] ?? 8685);
  const timeoutMs = options.timeoutMs ?? READY_TIMEOUT_MS;
  for (const [name, port] of [
    ['FIRESTORE_EMULATOR_PORT', firestorePort],
    ['PUBSUB_EMULATOR_PORT', pubsubPort],
  ] as const) {
    if (!Number.isInteger(port) || port < 1 || port > 65_535) {
      throw new Error(`${name}: expected a port number 1-65535, got ${port}`);
    }
  }
  checkPrerequisites();
  await assertPortFree('Firestore', firestorePort, 'FIRESTORE');
  await assertPortFree('Pub/Sub', pubsubPort, 'PUBSUB');

  const pubsubArgs = ['beta', 'emulators', 'pubsub', 'start', `--project=${options.projectId}`];
  if (options.dataDir !== undefined) {
    const pubsubDir = join(options.dataDir, 'pubsub');
    mkdirSync(pubsubDir, { recursive: true }); // gcloud does not create it
    pubsubArgs.push(`--data-dir=${pubsubDir}`);
  }
  const running = [
    launch('Firestore', [
      'emulators',
      'firestore',
      'start',
      `--host-port=127.0.0.1:${firestorePort}`,
    ]),
    launch('Pub/Sub', [...pubsubArgs, `--host-port=127.0.0.1:${pubsubPort}`]),
  ] as const;
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= Promise.all(running.map(killGroup)).then(() => undefined));

  try {
    await Promise.all([
      waitReady(running[0], firestorePort, timeoutMs),
      waitReady(running[1], pubsubPort, timeoutMs),
    ]);
  } catch (error) {
    await stop(); // the first failure is reported; the other emulator is not waited for
    throw error;
  }
  return {
    firestoreHost: `127.0.0.1:${firestorePort}`,
    pubsubHost: `127.0.0.1:${pubsubPort}`,
    // After stop() the exits are expected, so `crashed` then never settles.
    crashed: Promise.race(running.map((r) => r.exited)).then((reason) =>
      stopping === undefined ? reason : new Promise<string>(() => undefined),
    ),
    stop,
    processGroups: {
      firestore: running[0].child.pid ?? null,
      pubsub: running[1].child.pid ?? null,
    },
  };
}

/** Deletes every document of `projectId` in the Firestore emulator at `host` (`127.0.0.1:PORT`). */
export async function clearFirestore(host: string, projectId: string): Promise<void> {
  const url = `http://${host}/emulator/v1/projects/${projectId}/databases/(default)/documents`;
  const res = await fetch(url, { method: 'DELETE' });
  if (!res.ok) {
    throw new Error(
      `clearing Firestore ${projectId} at ${host} failed: ${res.status} ${await res.text()}`,
    );
  }
}

function findOnPath(command: string, path: string): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return join(dir, command);
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

async function assertPortFree(name: string, port: number, envPrefix: string): Promise<void> {
  const listening = await new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
  });
  if (!listening) {
    return;
  }
  const other = `pick another port with ${envPrefix}_EMULATOR_PORT`;
  const message = (await answersOk(port))
    ? `127.0.0.1:${port} is in use (an emulator is already running there). Use it with ` +
      `${envPrefix}_EMULATOR_HOST=127.0.0.1:${port}, stop it, or ${other}.`
    : `127.0.0.1:${port} is in use (by another program). Stop that program or ${other}.`;
  throw new EmulatorError('EMULATOR.PORT_IN_USE', `cannot start the ${name} emulator: ${message}`);
}

async function answersOk(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1_000) });
    return (await res.text()).trim() === 'Ok';
  } catch {
    return false;
  }
}

// Each emulator gets its own process group (detached), so that killing the group also kills the
// Java process that gcloud's Python wrapper starts.
const liveGroups = new Set<number>();
function killLiveGroupsOnExit(): void {
  for (const pgid of liveGroups) {
    signalGroup(pgid, 'SIGKILL');
  }
}

function launch(name: string, args: string[]): Running {
  const child = spawn('gcloud', args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      CLOUDSDK_CORE_DISABLE_PROMPTS: '1',
      CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK: '1',
    },
  });
  const tail: string[] = [];
  const collect = (chunk: Buffer) => {
    tail.push(
      ...chunk
        .toString('utf8')
        .split('\n')
        .filter((line) => line.trim() !== ''),
    );
    tail.splice(0, Math.max(0, tail.length - TAIL_LINES));
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  if (child.pid !== undefined) {
    if (liveGroups.size === 0) {
      process.on('exit', killLiveGroupsOnExit);
    }
    liveGroups.add(child.pid);
  }
  const exited = new Promise<string>((resolve) => {
    child.once('error', (error) => {
      resolve(`the ${name} emulator could not be spawned: ${error.message}`);
    });
    child.once('exit', (code, signal) => {
      resolve(`the ${name} emulator exited (${signal ?? `code ${code ?? '?'}`})`);
    });
  });
  return { name, child, tail, exited };
}

async function waitReady(run: Running, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitReason: string | undefined;
  void run.exited.then((reason) => (exitReason = reason));
  const failed = (why: string, code: EmulatorErrorCode = 'EMULATOR.START_FAILED') =>
    new EmulatorError(
      code,
      `${why}. Last output:\n${run.tail.map((l) => `  | ${l}`).join('\n') || '  (none)'}` +
        (code === 'EMULATOR.PORT_IN_USE' ? '' : `\nIf gcloud or Java is missing: ${INSTALL_HINT}`),
    );
  while (Date.now() < deadline) {
    if (run.tail.some((line) => line.includes('Address already in use'))) {
      // The Pub/Sub emulator logs the BindException but never exits.
      throw failed(
        `the ${run.name} emulator could not bind 127.0.0.1:${port}`,
        'EMULATOR.PORT_IN_USE',
      );
    }
    if (exitReason !== undefined) {
      throw failed(`${exitReason} before answering on 127.0.0.1:${port}`);
    }
    if (await answersOk(port)) {
      return;
    }
    await sleep(200);
  }
  throw failed(
    `the ${run.name} emulator did not answer on 127.0.0.1:${port} within ${timeoutMs / 1000} s`,
  );
}

function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // ESRCH: nothing left in the group
  }
}

async function killGroup(run: Running): Promise<void> {
  const pgid = run.child.pid;
  if (pgid === undefined) {
    return;
  }
  const waitGone = async (ms: number) => {
    const until = Date.now() + ms;
    while (signalGroup(pgid, 0) && Date.now() < until) {
      await sleep(50);
    }
    return !signalGroup(pgid, 0);
  };
  signalGroup(pgid, 'SIGTERM');
  if (!(await waitGone(STOP_GRACE_MS))) {
    signalGroup(pgid, 'SIGKILL');
    await waitGone(2_000);
  }
  await run.exited;
  liveGroups.delete(pgid);
  if (liveGroups.size === 0) {
    process.off('exit', killLiveGroupsOnExit);
  }
}

async function main(): Promise<number> {
  const projectId = process.env['GOOGLE_CLOUD_PROJECT'] ?? 'demo-sentinel';
  const started = performance.now();
  let emulators: Emulators;
  try {
    emulators = await startEmulators({ projectId });
  } catch (error) {
    process.stderr.write(`emulators: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(`export FIRESTORE_EMULATOR_HOST=${emulators.firestoreHost}\n`);
  process.stdout.write(`export PUBSUB_EMULATOR_HOST=${emulators.pubsubHost}\n`);
  process.stderr.write(`# ready in ${seconds} s (project ${projectId}); Ctrl-C stops them\n`);
  const outcome = await Promise.race([
    new Promise<number>((resolve) => {
      const done = () => {
        resolve(0);
      };
      process.once('SIGINT', done).once('SIGTERM', done);
    }),
    emulators.crashed.then((reason) => {
      process.stderr.write(`emulators: ${reason}\n`);
      return 1;
    }),
  ]);
  process.stderr.write('# stopping the emulators …\n');
  await emulators.stop();
  return outcome;
}

// Run as a command: directly, or imported by scripts/node24.mjs (which sets argv[1] to this file).
if (import.meta.main || process.argv[1] === import.meta.filename) {
  process.exitCode = await main();
}

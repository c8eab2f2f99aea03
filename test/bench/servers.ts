// Child-process servers for benchmarks and load runs, so the load generator never shares an event
// loop with the server it measures.
import { Agent, request as httpRequest } from 'node:http';
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { UNLIMITED_RATES } from '@sentinel/risk-api/testing';
import { commandOf, readDockerfile } from '../deploy/support/dockerfile.ts';
import { instanceHeapFlags } from './instance-heap.ts';
import { enrolmentSessions, type BenchUser } from './mix.ts';

export const BENCH_KEY = 'bench-key-000001';

/**
 * The Node flags of the risk-api image's CMD (between `node` and `main.mjs`): every server the
 * bench starts runs with them — the risk-api as Cloud Run runs it, its ceilings on the same
 * runtime settings.
 */
export const IMAGE_NODE_FLAGS: readonly string[] = (() => {
  const runtime = readDockerfile('services/risk-api/Dockerfile').at(-1);
  const command = runtime === undefined ? [] : commandOf(runtime);
  if (command[0] !== 'node' || command.at(-1) !== 'main.mjs') {
    throw new Error(`risk-api Dockerfile: unexpected CMD ${JSON.stringify(command)}`);
  }
  return command.slice(1, -1);
})();

/** The tenant of `BENCH_KEY`: the risk-api keeps its data under `tenants/bench/`. */
export const BENCH_TENANT = 'bench';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  readonly url: string;
  /** From spawn to the first 200 on /readyz. */
  readonly coldStartMs: number;
  /** The server's process id (its CPU is read from /proc). */
  readonly pid: number;
  /** CPU time the server used from spawn to that first 200 (null off Linux). */
  readonly coldStartCpuMs: number | null;
  /** The server process's memory now (Linux /proc; null elsewhere or once it has exited). */
  memory(): ProcessMemory | null;
  stop(): Promise<void>;
}

/** Resident set of a process in MiB: now (VmRSS) and its peak since it started (VmHWM). */
export interface ProcessMemory {
  readonly rssMiB: number;
  readonly peakRssMiB: number;
}

/** Reads VmRSS and VmHWM of `pid` from /proc (the kernel's own count, no help from the server). */
export function processMemory(pid: number | undefined): ProcessMemory | null {
  const status = procFile(pid, 'status');
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status ?? '')?.[1]);
  const rss = kib('VmRSS');
  const peak = kib('VmHWM');
  return Number.isFinite(rss) && Number.isFinite(peak)
    ? { rssMiB: Math.round(rss / 1024), peakRssMiB: Math.round(peak / 1024) }
    : null;
}

// Linux reports CPU time in clock ticks of USER_HZ, 100 per second on every mainstream build.
const MS_PER_TICK = 10;

/**
 * CPU time `pid` has used so far, all its threads, user + system (/proc/<pid>/stat utime and
 * stime): unlike wall time it barely moves when other processes share the cores.
 */
export function processCpuMs(pid: number | undefined): number | null {
  const stat = procFile(pid, 'stat');
  // Fields after the command name, which is in parentheses and may hold spaces: state is the 3rd
  // field of the line, utime the 14th and stime the 15th.
  const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields?.[11]) + Number(fields?.[12]);
  return Number.isFinite(ticks) ? ticks * MS_PER_TICK : null;
}

function procFile(pid: number | undefined, name: string): string | undefined {
  if (pid === undefined) {
    return undefined;
  }
  try {
    return readFileSync(`/proc/${pid}/${name}`, 'utf8');
  } catch {
    return undefined;
  }
}

async function waitReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`server exited with code ${child.exitCode} before it was ready`);
    }
    try {
      if ((await fetch(`${url}/readyz`)).ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await sleep(20);
  }
  throw new Error(`${url}/readyz not ready within ${timeoutMs} ms`);
}

async function start(script: string, env: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const stderr: string[] = [];
  // Decision logs go to /dev/null: written like in production, not read — unless
  // BENCH_SERVER_LOG names a file to keep them in (to see why a run went wrong).
  const logFile = process.env['BENCH_SERVER_LOG'];
  // The risk-api instance's heap (instance-heap.ts; under SENTINEL_WORKERS each worker's share, as
  // the supervisor gives it), then the image's flags (a later flag wins, as an image flag would
  // over Node's choice on Cloud Run). BENCH_NODE_ARGS: extra Node flags for the server (e.g.
  // "--cpu-prof --trace-gc") when profiling.
  const nodeArgs = [
    ...instanceHeapFlags(Number(env['SENTINEL_WORKERS'] ?? '1')),
    ...IMAGE_NODE_FLAGS,
    ...(process.env['BENCH_NODE_ARGS'] ?? '').split(' ').filter((a) => a !== ''),
  ];
  const child = spawn(process.execPath, [...nodeArgs, script], {
    stdio: ['ignore', logFile === undefined ? 'ignore' : openSync(logFile, 'a'), 'pipe'],
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      METADATA_SERVER_DETECTION: 'none',
    },
  });
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  try {
    await waitReady(url, child, 60_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${script}: ${(error as Error).message}\n${stderr.join('').slice(-2000)}`, {
      cause: error,
    });
  }
  const coldStartMs = Math.round(performance.now() - started);
  const coldStartCpuMs = processCpuMs(child.pid);
  return {
    url,
    coldStartMs,
    pid: child.pid ?? -1,
    coldStartCpuMs,
    memory: () => (child.exitCode === null ? processMemory(child.pid) : null),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

export function startBaseline(): Promise<RunningServer> {
  return start('test/bench/baseline-server.ts', { BENCH_API_KEY: BENCH_KEY });
}

/**
 * The emulators' ceiling (floor-server.ts): validation plus the risk-api's two hot-path Firestore
 * calls, on the emulators named in the env, in the project the risk-api target seeded.
 */
export function startFloor(
  projectId: string,
  opts: { readonly delivers?: boolean } = {},
): Promise<RunningServer> {
  return start('test/bench/floor-server.ts', {
    ...(opts.delivers === true ? { BENCH_FLOOR_DELIVERS: '1' } : {}),
    BENCH_API_KEY: BENCH_KEY,
    BENCH_TENANT,
    GOOGLE_CLOUD_PROJECT: projectId,
  });
}

/**
 * The real risk-api entry point (main.ts), on memory or on the emulators named in the env; or,
 * with `bundled`, the esbuild bundle of it (`npm run bundle`) as the Docker image starts it.
 */
export function startRiskApi(
  store: 'memory' | 'firestore',
  projectId: string,
  bundled?: { readonly script: string },
  extraEnv: Record<string, string> = {},
): Promise<RunningServer> {
  const script = bundled?.script ?? 'services/risk-api/src/main.ts';
  return start(script, {
    ...extraEnv,
    SENTINEL_STORE: store,
    GOOGLE_CLOUD_PROJECT: projectId,
    SENTINEL_API_KEYS: `${BENCH_TENANT}:${BENCH_KEY}`,
    SENTINEL_ENSURE_TOPIC: 'true',
    // The demo routes seed the SIM swap signals (seedUsers); the console stays off, as on Cloud
    // Run unless an operator turns it on: the analyst feed's work is not in these numbers.
    SENTINEL_DEMO: 'true',
    SENTINEL_CONSOLE: 'false',
    SENTINEL_PSEUDONYM_KEY: 'bench-pseudonym-key-0123456789',
    // One tenant sends everything: the limiter runs, but never refuses.
    ...UNLIMITED_RATES,
    LOG_LEVEL: 'info',
  });
}

/**
 * Profiles and behavioural baselines (20 sessions each) through the API, SIM swap signals through
 * the local demo endpoint.
 */
export async function seedUsers(
  url: string,
  users: readonly BenchUser[],
  /** Another way to send the requests (in-process.ts: the app's own fetch, no socket). */
  fetcher: typeof fetch = fetch,
): Promise<void> {
  const headers = { authorization: `Bearer ${BENCH_KEY}`, 'content-type': 'application/json' };
  const boundAt = new Date(Date.now() - 120 * 86_400_000).toISOString();
  const send = async (method: string, path: string, body: unknown) => {
    const res = await fetcher(`${url}${path}`, {
      method,
      headers,
      body: JSON.stringify(body),
    });
    if (!res.ok) {
      throw new Error(`seeding ${path}: HTTP ${res.status} ${await res.text()}`);
    }
  };
  const put = (path: string, body: unknown) => send('PUT', path, body);
  for (let i = 0; i < users.length; i += 20) {
    await Promise.all(
      users.slice(i, i + 20).map(async (u) => {
        await put(`/v1/users/${u.userId}`, {
          phoneNumber: u.phoneNumber,
          devices: [{ id: u.deviceId, imei: u.imei, boundAt }],
          enrolledFactors: ['WEBAUTHN'],
        });
        await put(`/demo/sim-swaps/${u.phoneNumber}`, {
          swappedMinutesAgo: u.swappedHoursAgo === null ? null : u.swappedHoursAgo * 60,
        });
        await send('POST', `/v1/users/${u.userId}/behavior/sessions`, {
          sessions: enrolmentSessions(users.indexOf(u)).map((features) => ({ features })),
        });
        await send('POST', `/v1/users/${u.userId}/behavior/enroll`, {});
      }),
    );
  }
}

/**
 * A `fetch` whose requests all go over one kept-alive connection: under SENTINEL_WORKERS the
 * supervisor hands each connection to one worker, so this talks to that worker only (a memory
 * store is per worker: each must be seeded).
 */
export function oneConnectionFetch(): { fetch: typeof fetch; close(): void } {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const send = (input: string, init?: RequestInit): Promise<Response> =>
    new Promise((resolve, reject) => {
      const headers = Object.fromEntries(new Headers(init?.headers).entries());
      const req = httpRequest(input, { method: init?.method ?? 'GET', headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 500 }));
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(typeof init?.body === 'string' ? init.body : undefined);
    });
  // Only a URL string and method, headers and a string body: what seedUsers sends.
  return { fetch: send as unknown as typeof fetch, close: () => agent.destroy() };
}

/**
 * Seeds every worker of a risk-api started with `workers` workers on the memory store: opens
 * connections until one is held to each worker (the supervisor hands connections round robin to
 * the workers already listening), then seeds each worker over its own.
 */
export async function seedEveryWorker(
  url: string,
  users: readonly BenchUser[],
  workers: number,
): Promise<void> {
  const pinned = new Map<unknown, ReturnType<typeof oneConnectionFetch>>();
  for (let attempt = 0; pinned.size < workers && attempt < 400; attempt++) {
    const connection = oneConnectionFetch();
    const health = await connection.fetch(`${url}/healthz`);
    const worker = ((await health.json()) as { worker?: unknown }).worker;
    if (pinned.has(worker)) {
      connection.close();
      await sleep(50); // the other workers are still starting
    } else {
      pinned.set(worker, connection);
    }
  }
  if (pinned.size !== workers) {
    throw new Error(`reached workers ${[...pinned.keys()].join(', ')}, expected ${workers}`);
  }
  for (const connection of pinned.values()) {
    await seedUsers(url, users, connection.fetch);
    connection.close();
  }
}

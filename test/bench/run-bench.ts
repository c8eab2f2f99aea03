// npm run bench — one command, one table: the bare-Hono baseline, the risk-api on in-memory
// adapters and on the Firestore + Pub/Sub emulators, each under autocannon at fixed concurrencies
// with the realistic mix; the engine alone; cold start to /readyz. Writes docs/benchmarks.md and
// docs/benchmarks.json. `--smoke` runs in seconds and writes to a temp dir (the test suite runs it).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, freemem, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { startEmulators } from '../../scripts/emulators.ts';
import { renderBatchMarkdown, runBatchBench, type BatchBench } from './batch-bench.ts';
import { renderAuthRuns, runAuthBench, type AuthRun } from './auth-bench.ts';
import { renderEscrowBench, runEscrowBench, type EscrowBench } from './escrow-bench.ts';
import { renderBacktestBench, runBacktestBench, type BacktestRun } from './backtest-bench.ts';
import { cpuMs, idleCpuPerMs, untilQuiet } from './process-cpu.ts';
import { renderColdStart, runColdStartBench, type ColdStartRow } from './cold-start.ts';
import { drive } from './drive.ts';
import { cpuIdleState } from './idle-state.ts';
import { renderInProcess, runInProcessBench, type InProcessBench } from './in-process-run.ts';
import { interleave, type Interleaved, type Ratios, type Role, type Round } from './interleave.ts';
import {
  benchContext,
  runEngineBench,
  runModelBench,
  type EngineBench,
  type ModelBench,
} from './engine-bench.ts';
import { benchUsers, createMix } from './mix.ts';
import {
  freePort,
  seedEveryWorker,
  seedUsers,
  startBaseline,
  startFloor,
  startRiskApi,
  type RunningServer,
} from './servers.ts';

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    out: { type: 'string' },
    duration: { type: 'string' },
    // Rounds of each goal comparison (default 3): more when a goal sits at its edge.
    'goal-rounds': { type: 'string' },
    targets: {
      type: 'string',
      default:
        'baseline,in-memory,in-memory-workers,emulators,in-process,cold-start,batch,auth,escrow,backtest',
    },
  },
});
const smoke = values.smoke;
const durationS = Number(values.duration ?? (smoke ? 1 : 10));
const outDir = values.out ?? (smoke ? mkdtempSync(join(tmpdir(), 'sentinel-bench-')) : 'docs');
const targets = values.targets.split(',');
const CONCURRENCY: Record<string, number[]> = smoke
  ? {
      baseline: [10],
      'in-memory': [10],
      emulators: [5],
      'emulator-floor': [5],
      'emulator-delivery-floor': [5],
    }
  : {
      baseline: [1, 10, 20, 50],
      'in-memory': [1, 10, 20, 50],
      'in-memory-workers': [50],
      emulators: [1, 10, 20],
      'emulator-floor': [1, 10, 20],
      'emulator-delivery-floor': [1, 10, 20],
    };
// Issue 17's goals: the concurrency each is stated at, and how many alternating rounds decide it.
const GOAL_CONCURRENCY = smoke ? { inMemory: 10, emulators: 5 } : { inMemory: 50, emulators: 20 };
const GOAL_ROUNDS = Number(values['goal-rounds'] ?? (smoke ? 2 : 3));
if (!Number.isInteger(GOAL_ROUNDS) || GOAL_ROUNDS < 1) {
  throw new Error(
    `--goal-rounds must be a whole number of at least 1, got ${values['goal-rounds']}`,
  );
}
const out = (s = '') => process.stdout.write(s + '\n');

interface Run {
  target: string;
  concurrency: number;
  durationS: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  rps: number;
  errors: number;
  /** Highest resident set of the server process sampled during the run (MiB; null off Linux). */
  peakRssMiB: number | null;
  actions: Record<string, number>;
  /**
   * CPU ms per request of the server and (emulator targets) of both emulators, from the start of
   * the load until the server went quiet after it (its background delivery included).
   */
  cpu?: { server: number; emulators?: number };
}

/** The emulators' process groups once started: their CPU is part of an emulator target's cost. */
let emulatorGroups: number[] = [];

const RSS_SAMPLE_MS = 100;

/** Samples the server's VmRSS every RSS_SAMPLE_MS while `work` runs; answers the highest seen. */
async function withPeakRss<T>(
  server: RunningServer,
  work: () => Promise<T>,
): Promise<[T, number | null]> {
  let peak: number | null = null;
  const sample = () => {
    const rss = server.memory()?.rssMiB;
    if (rss !== undefined) {
      peak = Math.max(peak ?? 0, rss);
    }
  };
  sample();
  const timer = setInterval(sample, RSS_SAMPLE_MS);
  try {
    const result = await work();
    sample();
    return [result, peak];
  } finally {
    clearInterval(timer);
  }
}

async function measure(
  target: string,
  server: RunningServer,
  seed: boolean,
  workers = 1,
): Promise<Run[]> {
  if (seed) {
    await seedServer(server, workers);
  }
  const runs: Run[] = [];
  for (const connections of CONCURRENCY[target] ?? []) {
    runs.push(await measureAt(target, server, connections, workers));
  }
  return runs;
}

const benchUserCount = smoke ? 20 : 200;

async function seedServer(server: RunningServer, workers = 1): Promise<void> {
  const users = benchUsers(benchUserCount);
  if (workers > 1) {
    await seedEveryWorker(server.url, users, workers);
  } else {
    await seedUsers(server.url, users);
  }
}

/** One run of `target` at one concurrency: autocannon for `durationS`, CPU until quiet after. */
async function measureAt(
  target: string,
  server: RunningServer,
  connections: number,
  workers = 1,
): Promise<Run> {
  const mix = createMix(benchUsers(benchUserCount), `${target}-${connections}-${Date.now()}`);
  let i = 0;
  const emulated = target.startsWith('emulator');
  // Under SENTINEL_WORKERS the workers are the supervisor's children: theirs counts too.
  const serverCpu = () => cpuMs({ pids: [server.pid], childrenOf: [server.pid] });
  const emulatorCpu = () => cpuMs({ groups: emulatorGroups });
  // The emulators' JVMs use some CPU idle: measured just before (its lowest rate over 2 s),
  // subtracted over the run.
  const idleRate = emulated ? await idleCpuPerMs(emulatorCpu) : 0;
  const before = { server: serverCpu(), emulators: emulatorCpu(), at: performance.now() };
  const [r, measuredRss] = await withPeakRss(server, () =>
    drive({
      url: server.url,
      connections,
      durationS,
      nextBody: () => mix.body(i++).body,
    }),
  );
  // Under SENTINEL_WORKERS the process is the supervisor: its own RSS says nothing of the workers.
  const peakRssMiB = workers > 1 ? null : measuredRss;
  const serverAfter = await untilQuiet(serverCpu);
  const elapsedMs = performance.now() - before.at;
  const perRequest = (ms: number) =>
    Math.round((Math.max(0, ms) / Math.max(1, r.summary.n)) * 1000) / 1000;
  const cpu = {
    server: perRequest(serverAfter - before.server),
    ...(emulated
      ? { emulators: perRequest(emulatorCpu() - before.emulators - idleRate * elapsedMs) }
      : {}),
  };
  out(
    `  ${target} c=${connections}: p50 ${r.summary.p50Ms} p95 ${r.summary.p95Ms} p99 ${r.summary.p99Ms} ms, ${r.summary.rps} req/s, errors ${r.errors}, peak RSS ${peakRssMiB ?? '–'} MiB, CPU ms/request: server ${cpu.server}${cpu.emulators === undefined ? '' : `, emulators ${cpu.emulators}`}`,
  );
  return {
    target,
    concurrency: connections,
    durationS,
    ...pick(r.summary),
    rps: r.summary.rps,
    errors: r.errors,
    peakRssMiB,
    actions: { ...r.actions },
    cpu,
  };
}

interface Named {
  readonly name: string;
  readonly server: RunningServer;
}

/**
 * Issue 17's goal comparison (interleave.ts): `target` and `ceiling` (and a `reference`) all up,
 * their runs at the goal's concurrency alternating for `GOAL_ROUNDS` rounds.
 */
function compare(
  target: Named,
  ceiling: Named,
  connections: number,
  reference?: Named,
): Promise<Interleaved<Run>> {
  const names = [target, ceiling, ...(reference === undefined ? [] : [reference])].map(
    (n) => n.name,
  );
  out(`goal comparison: ${names.join(', ')} alternating at c=${connections} …`);
  const byRole = { target, ceiling, reference };
  return interleave({
    target: target.name,
    ceiling: ceiling.name,
    ...(reference === undefined ? {} : { reference: reference.name }),
    concurrency: connections,
    rounds: GOAL_ROUNDS,
    run: (role) => {
      const named = byRole[role];
      if (named === undefined) {
        throw new Error(`no server for ${role}`);
      }
      return measureAt(named.name, named.server, connections);
    },
  });
}

const pick = (s: { p50Ms: number; p95Ms: number; p99Ms: number }) => ({
  p50Ms: s.p50Ms,
  p95Ms: s.p95Ms,
  p99Ms: s.p99Ms,
});

async function main(): Promise<void> {
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    freeMemoryGiB: Math.round(freemem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    node: process.version,
    cpuIdle: cpuIdleState(),
  };
  out(
    `Sentinel benchmark${smoke ? ' (smoke)' : ''}: ${machine.cores} × ${machine.cpu}, Node ${machine.node}`,
  );

  out('engine …');
  const engine: EngineBench & { withBehavior: EngineBench } = {
    ...runEngineBench(benchContext(false), smoke ? 2_000 : 100_000),
    withBehavior: runEngineBench(benchContext(true), smoke ? 2_000 : 100_000),
  };
  const model = runModelBench(200, smoke ? 3 : 50, smoke ? 1_000 : 20_000);
  out(
    `  baseline fit from ${model.sessions} sessions: p50 ${model.fitP50Ms} ms (max ${model.fitMaxMs}); one session scored: p50 ${model.scoreP50Ms} ms, p99 ${model.scoreP99Ms} ms`,
  );

  let inProcess: InProcessBench | undefined;
  if (targets.includes('in-process')) {
    out('the decision in process …');
    inProcess = runInProcessBench(
      smoke
        ? { rounds: 2, perRound: 500, warmUpRounds: 1 }
        : { rounds: 8, perRound: 10_000, warmUpRounds: 2 },
    );
    const { baselineUs: b, riskApiUs: r, ratio } = inProcess;
    out(
      `  baseline ${b.wallUs.toFixed(1)} µs (CPU ${b.cpuUs.toFixed(1)}), risk-api ${r.wallUs.toFixed(1)} µs (CPU ${r.cpuUs.toFixed(1)}) a request: ${ratio.cpuUs.toFixed(2)} × in CPU (median of the rounds' ratios)`,
    );
  }

  let coldStarts: ColdStartRow[] = [];
  if (targets.includes('cold-start')) {
    out('cold start, source and bundle …');
    coldStarts = await runColdStartBench({ starts: smoke ? 1 : 5, log: out });
  }

  let batch: BatchBench | undefined;
  if (targets.includes('batch')) {
    // SENTINEL_BENCH_BATCH_GB=1 adds the 1 GB CSV (issue 16: flat memory under 300 MB).
    out('batch …');
    batch = await runBatchBench({
      csvRows: smoke ? 2_000 : 1_000_000,
      xlsxRows: smoke ? 500 : 100_000,
      gigabyte: !smoke && process.env['SENTINEL_BENCH_BATCH_GB'] === '1',
      log: out,
    });
  }

  const runs: Run[] = [];
  const goals: Interleaved<Run>[] = [];
  const authRuns: AuthRun[] = [];
  const auth = (store: 'memory' | 'firestore', projectId: string) =>
    runAuthBench({
      store,
      projectId,
      customers: smoke ? 5 : 200,
      // Fewer on the emulators: each ceremony there is tens of ms, and every one needs a challenge.
      perRun: smoke ? 10 : store === 'memory' ? 1_000 : 200,
      concurrency: smoke ? [1] : [1, 10],
    }).then((r) => {
      for (const x of r) {
        out(
          `  auth ${x.store} ${x.operation} c=${x.concurrency}: p50 ${x.p50Ms} p95 ${x.p95Ms} p99 ${x.p99Ms} ms, ${x.opsPerSec} ops/s, errors ${x.errors}`,
        );
      }
      authRuns.push(...r);
    });
  let escrow: EscrowBench | undefined;
  let backtest: BacktestRun[] = [];
  const coldStart: Record<string, number> = {};
  const cleanups: (() => Promise<void>)[] = [];
  try {
    if (targets.includes('baseline')) {
      const s = await startBaseline();
      cleanups.push(() => s.stop());
      runs.push(...(await measure('baseline', s, false)));
      await s.stop();
    }
    if (targets.includes('in-memory')) {
      const s = await startRiskApi('memory', 'bench');
      cleanups.push(() => s.stop());
      coldStart['in-memory'] = s.coldStartMs;
      runs.push(...(await measure('in-memory', s, true)));
      await s.stop();
    }
    if (targets.includes('baseline') && targets.includes('in-memory')) {
      const baseline = await startBaseline();
      cleanups.push(() => baseline.stop());
      const riskApi = await startRiskApi('memory', 'bench');
      cleanups.push(() => riskApi.stop());
      await seedServer(riskApi);
      goals.push(
        await compare(
          { name: 'in-memory', server: riskApi },
          { name: 'baseline', server: baseline },
          GOAL_CONCURRENCY.inMemory,
        ),
      );
      await riskApi.stop();
      await baseline.stop();
    }
    if (targets.includes('in-memory-workers')) {
      // Issue 17's opt-in worker per vCPU (SENTINEL_WORKERS), its own row: never instead of the
      // single loop's. Here autocannon shares the same cores, so it measures the mode, not a gain
      // a 2-vCPU Cloud Run instance would see.
      const workers = availableParallelism();
      const s = await startRiskApi('memory', 'bench', undefined, {
        SENTINEL_WORKERS: String(workers),
      });
      cleanups.push(() => s.stop());
      runs.push(...(await measure('in-memory-workers', s, true, workers)));
      await s.stop();
    }
    if (targets.includes('auth')) {
      out('auth service on memory …');
      await auth('memory', 'bench');
    }
    const emulated = ['emulators', 'auth', 'escrow', 'backtest'];
    if (targets.some((t) => emulated.includes(t))) {
      const projectId = `demo-bench-${Date.now()}`;
      if (
        process.env['FIRESTORE_EMULATOR_HOST'] === undefined ||
        process.env['PUBSUB_EMULATOR_HOST'] === undefined
      ) {
        out('starting emulators …');
        const emulators = await startEmulators({
          firestorePort: await freePort(),
          pubsubPort: await freePort(),
          projectId,
        });
        cleanups.push(() => emulators.stop());
        emulatorGroups = [emulators.processGroups.firestore, emulators.processGroups.pubsub].filter(
          (g): g is number => g !== null,
        );
        process.env['FIRESTORE_EMULATOR_HOST'] = emulators.firestoreHost;
        process.env['PUBSUB_EMULATOR_HOST'] = emulators.pubsubHost;
      }
      if (targets.includes('emulators')) {
        const s = await startRiskApi('firestore', projectId);
        cleanups.push(() => s.stop());
        coldStart['emulators'] = s.coldStartMs;
        runs.push(...(await measure('emulators', s, true)));
        await s.stop();
        // The same project, so the floor reads the documents the risk-api's seeding wrote.
        const floor = await startFloor(projectId);
        cleanups.push(() => floor.stop());
        runs.push(...(await measure('emulator-floor', floor, false)));
        await floor.stop();
        const deliveryFloor = await startFloor(projectId, { delivers: true });
        cleanups.push(() => deliveryFloor.stop());
        runs.push(...(await measure('emulator-delivery-floor', deliveryFloor, false)));
        await deliveryFloor.stop();
        // All again, together: the risk-api's users are in the project already (seeded above).
        // The floor that delivers runs in every round too: how much of the floor the delivery's
        // I/O alone leaves, against which the risk-api's own share of the gap shows.
        const riskApi = await startRiskApi('firestore', projectId);
        cleanups.push(() => riskApi.stop());
        const floorAgain = await startFloor(projectId);
        cleanups.push(() => floorAgain.stop());
        const deliveryFloorAgain = await startFloor(projectId, { delivers: true });
        cleanups.push(() => deliveryFloorAgain.stop());
        goals.push(
          await compare(
            { name: 'emulators', server: riskApi },
            { name: 'emulator-floor', server: floorAgain },
            GOAL_CONCURRENCY.emulators,
            { name: 'emulator-delivery-floor', server: deliveryFloorAgain },
          ),
        );
        await deliveryFloorAgain.stop();
        await floorAgain.stop();
        await riskApi.stop();
      }
      if (targets.includes('auth')) {
        out('auth service on the emulators …');
        await auth('firestore', `${projectId}-auth`);
      }
      if (targets.includes('escrow')) {
        out('escrow on the emulators …');
        escrow = await runEscrowBench({
          projectId: `${projectId}-escrow`,
          events: smoke ? 20 : 500,
          holds: smoke ? 100 : 10_000,
          log: out,
        });
      }
      if (targets.includes('backtest')) {
        out('backtest in memory and on the emulator …');
        backtest = await runBacktestBench({
          memoryDecisions: smoke ? 2_000 : 200_000,
          emulatorDecisions: smoke ? 200 : 5_000,
          projectId: `${projectId}-backtest`,
          log: out,
        });
      }
    }
  } finally {
    for (const c of cleanups.reverse()) {
      await c();
    }
  }

  const report = {
    machine,
    generatedAt: new Date().toISOString(),
    smoke,
    runs,
    goals,
    auth: authRuns,
    ...(escrow === undefined ? {} : { escrow }),
    backtest,
    engine,
    model,
    ...(inProcess === undefined ? {} : { inProcess }),
    coldStartMs: coldStart['emulators'] ?? coldStart['in-memory'] ?? null,
    coldStart,
    coldStarts,
    ...(batch === undefined ? {} : { batch }),
  };
  const md = renderMarkdown(report);
  out('');
  out(md);
  mkdirSync(outDir, { recursive: true });
  // In prettier's format, which the repository's check holds it to (JSON.stringify's is not).
  const jsonPath = join(outDir, 'benchmarks.json');
  writeFileSync(
    jsonPath,
    await format(JSON.stringify(report, null, 2), {
      ...(await resolveConfig(jsonPath)),
      filepath: jsonPath,
    }),
  );
  writeFileSync(join(outDir, 'benchmarks.md'), md);
  out(`written: ${join(outDir, 'benchmarks.md')} and benchmarks.json`);
}

function renderMarkdown(r: {
  machine: Record<string, string | number>;
  generatedAt: string;
  runs: Run[];
  goals: Interleaved<Run>[];
  auth: AuthRun[];
  escrow?: EscrowBench;
  backtest: BacktestRun[];
  engine: EngineBench & { withBehavior: EngineBench };
  model: ModelBench;
  inProcess?: InProcessBench;
  coldStart: Record<string, number>;
  coldStarts: ColdStartRow[];
  batch?: BatchBench;
}): string {
  // Each target against its ceiling: the risk-api on the emulators and the floor that delivers
  // against the emulator-floor (the same two Firestore calls and nothing else), everything else
  // against bare Hono.
  const ceilingOf = (target: string) =>
    target.startsWith('emulator') ? 'emulator-floor' : 'baseline';
  const base = (target: string, c: number) =>
    r.runs.find((x) => x.target === ceilingOf(target) && x.concurrency === c);
  const lines = [
    '# Benchmarks',
    '',
    `Generated by \`npm run bench\` at ${r.generatedAt} on ${r.machine['cores']} × ${r.machine['cpu']}, ${r.machine['memoryGiB']} GiB, ${r.machine['os']}, Node ${r.machine['node']}; CPU idle: ${r.machine['cpuIdle']} (a vCPU that halts at once when idle is woken from inside the server's loopback \`write\`, at the server's cost in a virtual machine: about a fifth of the in-memory risk-api's CPU on the 2-vCPU machine of issue 17's tenth session, none of the baseline's, whose answers come back before the load generator idles; docs/performance.md).`,
    'Load: autocannon from the same machine over loopback, each server in its own process; request mix per 10 requests: 6 clean, 1 swapped SIM (2 h ago), 1 new device, 1 with a 55-value behavioural snapshot, 1 byte-for-byte retry of an earlier transaction.',
    "Ceilings: `baseline` is bare Hono doing the unavoidable minimum (key check, the same zod validation, a same-sized answer); `emulator-floor` is that plus the two Firestore calls the answer waits for (one getAll of the seven documents, one batch of three creates) on the same emulators, and nothing else; `emulator-delivery-floor` is the emulator-floor plus, after the answer, the I/O of a decision's delivery and nothing else (one event of the same size on the same Avro topic, the history and sightings documents written back whole as read, the outbox entry deleted; batched as the risk-api batches: test/bench/floor-server.ts). In-memory is compared with the baseline, emulators with the emulator-floor, and the emulator-delivery-floor runs in every round of that comparison.",
    '',
    'CPU ms/request: the server process’s CPU (user + system, from /proc) from the start of the load until it went quiet after it — its background delivery included — per answered request; for the emulator targets also both emulators’ (their whole process groups). Unlike req/s, it hardly moves when other work shares the cores. Peak RSS: the highest resident set of the server process (VmRSS from /proc, sampled every 100 ms during the run, at its end too), in MiB; the goal under the c=50 load is ≤ 256 MB. Every server runs with the risk-api image’s Node flags and the heap Node gives the risk-api’s Cloud Run instance (2 GiB: a 1,024 MB old generation, 32 MB semi-spaces; test/bench/instance-heap.ts; `BENCH_HEAP=machine` for this machine’s own), and counts the memory buffers hold toward the heap’s limit as the risk-api’s main makes V8 before 14.8 do (packages/kernel/src/buffer-memory.ts).',
    '',
    '| target | concurrency | duration s | p50 ms | p95 ms | p99 ms | req/s | errors | req/s vs its ceiling | CPU ms/request server · emulators | peak RSS MiB | actions |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...r.runs.map((x) => {
      const b = base(x.target, x.concurrency);
      const ratio = b === undefined ? '–' : `${Math.round((x.rps / b.rps) * 100)} %`;
      const actions = Object.entries(x.actions)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      const cpu =
        x.cpu === undefined
          ? '–'
          : `${x.cpu.server}${x.cpu.emulators === undefined ? '' : ` · ${x.cpu.emulators}`}`;
      return `| ${x.target} | ${x.concurrency} | ${x.durationS} | ${x.p50Ms} | ${x.p95Ms} | ${x.p99Ms} | ${x.rps} | ${x.errors} | ${ratio} | ${cpu} | ${x.peakRssMiB ?? '–'} | ${actions} |`;
    }),
    '',
    ...renderGoals(r.goals),
    ...renderInProcess(r.inProcess),
    ...(r.auth.length === 0
      ? []
      : [
          'Auth service (issue 11): in process through its own app (`composeAuth` with the real factor service), each request on a fresh challenge with its client secret, `n` requests at `concurrency` in flight. Passkey verify checks an ES256 assertion from a software authenticator (signed before the clock starts), bound to the payment, and passes the challenge (outcome transaction and event included); TOTP verify checks a code of a confirmed authenticator app (AES-GCM unsealed) and passes the challenge. Baseline: `GET /v1/challenges/{id}` in the same run (one challenge read and the customer’s factors).',
          '',
          ...renderAuthRuns(r.auth),
        ]),
    ...renderEscrowBench(r.escrow),
    ...renderBacktestBench(r.backtest),
    '| engine alone | assessments/s | p50 ms | p99 ms |',
    '|---|---|---|---|',
    `| without behavioural snapshot | ${r.engine.opsPerSec} | ${r.engine.p50Ms} | ${r.engine.p99Ms} |`,
    `| with a 55-value snapshot | ${r.engine.withBehavior.opsPerSec} | ${r.engine.withBehavior.p50Ms} | ${r.engine.withBehavior.p99Ms} |`,
    '',
    '| behavioural model alone | p50 ms | worst / p99 ms |',
    '|---|---|---|',
    `| fit a baseline from ${r.model.sessions} sessions | ${r.model.fitP50Ms} | ${r.model.fitMaxMs} (worst) |`,
    `| score one 55-feature session | ${r.model.scoreP50Ms} | ${r.model.scoreP99Ms} (p99) |`,
    '',
    `Cold start of the servers measured above (spawn to first 200 on /readyz, including warm-up; one start each): ${Object.entries(
      r.coldStart,
    )
      .map(([k, v]) => `${k} ${v} ms`)
      .join(', ')}.`,
    '',
    ...renderColdStart(r.coldStarts),
    ...(r.batch === undefined
      ? []
      : [
          "Batch mode (`npm run batch`, issue 16): a generated activity file, every column filled, each run in its own process with the `batch` script's heap flags; peak RSS of the whole process; rows per CPU second (all threads) varies far less with the load of a shared machine than rows per second. Parse only = the reader alone, the ceiling; the pool is one worker per core, against one thread. The 1 GB CSV row appears with SENTINEL_BENCH_BATCH_GB=1.",
          '',
          ...renderBatchMarkdown(r.batch),
          '',
        ]),
  ];
  return lines.join('\n');
}

/** The goal comparisons (interleave.ts): a row per round, then the medians that decide. */
function renderGoals(goals: readonly Interleaved<Run>[]): string[] {
  if (goals.length === 0) {
    return [];
  }
  const percent = (ratio: number) => `${Math.round(ratio * 100)} %`;
  const cpu = (run: Run) =>
    run.cpu === undefined
      ? '–'
      : `${run.cpu.server}${run.cpu.emulators === undefined ? '' : ` + ${run.cpu.emulators}`}`;
  /** One pair's rows: a row per round (`first`: the round's first server), then the medians. */
  const pairRows = (
    label: string,
    rounds: readonly { first: string; a: Run; b: Run; ratios: Ratios }[],
    medians: Ratios,
  ) => [
    ...rounds.map(
      ({ first, a, b, ratios }, i) =>
        `| ${label} | ${i + 1} | ${first} | ${a.rps} · ${b.rps} | ${percent(ratios.rps)} | ${a.p99Ms} · ${b.p99Ms} | ${ratios.p99.toFixed(2)} × | ${cpu(a)} · ${cpu(b)} |`,
    ),
    `| ${label} | **median** | | | **${percent(medians.rps)}** | | **${medians.p99.toFixed(2)} ×** | |`,
  ];
  return [
    `Issue 17's goals, decided side by side: each target and its ceiling are both up, and their runs at the goal's concurrency alternate (${GOAL_ROUNDS} rounds, each the reverse order of the one before), so each ratio compares runs seconds apart and no server always runs first. The median of the rounds decides. On the emulators the floor that delivers runs in every round too (target, ceiling, it; then the reverse): its rows say how much of the floor the delivery's I/O alone leaves, and how the risk-api compares with that. The table above runs each server alone, minutes apart, at every concurrency.`,
    '',
    '| comparison | round | first | req/s a · b | req/s ratio | p99 ms a · b | p99 ratio | CPU ms/request a · b (server + emulators) |',
    '|---|---|---|---|---|---|---|---|',
    ...goals.flatMap((g) => {
      const name = (role: Role) =>
        role === 'target' ? g.target : role === 'ceiling' ? g.ceiling : (g.reference?.name ?? '');
      const first = (round: Round<Run>) => name(round.order[0] ?? 'target');
      const rows = pairRows(
        `${g.target} vs ${g.ceiling}, c=${g.concurrency}`,
        g.rounds.map((r) => ({
          first: first(r),
          a: r.target,
          b: r.ceiling,
          ratios: { rps: r.rpsRatio, p99: r.p99Ratio },
        })),
        { rps: g.medianRpsRatio, p99: g.medianP99Ratio },
      );
      const reference = g.reference;
      if (reference === undefined) {
        return rows;
      }
      const withReference = g.rounds.flatMap((r) =>
        r.reference === undefined ? [] : [{ round: r, reference: r.reference }],
      );
      return [
        ...rows,
        ...pairRows(
          `${reference.name} vs ${g.ceiling}, c=${g.concurrency}`,
          withReference.map(({ round, reference: ref }) => ({
            first: first(round),
            a: ref.run,
            b: round.ceiling,
            ratios: ref.vsCeiling,
          })),
          reference.medianVsCeiling,
        ),
        ...pairRows(
          `${g.target} vs ${reference.name}, c=${g.concurrency}`,
          withReference.map(({ round, reference: ref }) => ({
            first: first(round),
            a: round.target,
            b: ref.run,
            ratios: ref.targetVs,
          })),
          reference.medianTargetVs,
        ),
      ];
    }),
    '',
  ];
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});

// npm run bench:in-process — the risk-api's own CPU per assessment, without sockets or a load
// generator sharing the cores: the realistic mix sent one request at a time through `app.fetch`
// of the risk-api on in-memory adapters (background delivery included) and of the bare-Hono
// baseline, in the same process, their rounds alternating. Prints µs per request for each, per
// round of 10,000 (the first rounds include JIT warm-up), and the last round's ratio. With
// `--json`, instead: one line of JSON with every round's µs (wall and CPU) per request, for
// `npm run bench`, which runs this in a child process under the risk-api image's Node flags
// (in-process-run.ts).
//   npm run bench:in-process [-- --rounds 3 --per-round 10000] [--json]
import { parseArgs } from 'node:util';
import { MemoryDecisionEventPublisher } from '@sentinel/risk-api';
import { MemoryDecisionLog } from '@sentinel/store';
import { MemoryPolicyStores } from '@sentinel/store';
import { MemoryRiskStateStore } from '@sentinel/store';
import { composeRiskApi } from '@sentinel/risk-api';
import { loadConfig } from '@sentinel/risk-api';
import { UNLIMITED_RATES } from '@sentinel/risk-api/testing';
import { countBufferMemoryInHeapLimit, createLogger } from '@sentinel/kernel';
import { createBaselineApp } from './baseline-app.ts';
import type { RoundCost } from './in-process-run.ts';
import { benchUsers, createMix } from './mix.ts';
import { BENCH_KEY, seedUsers } from './servers.ts';

// As the risk-api's main does (and the bench's baseline and floor servers).
countBufferMemoryInHeapLimit();

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    'per-round': { type: 'string', default: '10000' },
    json: { type: 'boolean', default: false },
  },
});
const ROUNDS = Number(values.rounds);
const PER_ROUND = Number(values['per-round']);
const JSON_OUT = values.json;
const out = (s = '') => {
  if (!JSON_OUT) {
    process.stdout.write(s + '\n');
  }
};

type Fetch = (request: Request) => Response | Promise<Response>;

/** One app under measurement: its requests come from a mix of its own. */
interface Driver {
  readonly name: string;
  readonly fetch: Fetch;
  readonly mix: ReturnType<typeof createMix>;
  sent: number;
  readonly rounds: RoundCost[];
}

const driver = (name: string, fetch: Fetch, runId: string): Driver => ({
  name,
  fetch,
  mix: createMix(benchUsers(200), runId),
  sent: 0,
  rounds: [],
});

const HEADERS = { authorization: `Bearer ${BENCH_KEY}`, 'content-type': 'application/json' };

/** One round of `PER_ROUND` requests of `d`, one at a time; its cost joins `d.rounds`. */
async function measureRound(d: Driver): Promise<void> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < PER_ROUND; i++) {
    const body = d.mix.body(d.sent++).body;
    // With its length, as a payment stack (and autocannon) sends it: a Request made here would
    // otherwise have none, and the risk-api would read it as a stream of unknown length.
    const res = await d.fetch(
      new Request('http://in-process/v1/assess-payment', {
        method: 'POST',
        headers: { ...HEADERS, 'content-length': String(Buffer.byteLength(body)) },
        body,
      }),
    );
    if (res.status !== 200) {
      throw new Error(`${d.name}: HTTP ${res.status} ${await res.text()}`);
    }
    await res.text();
  }
  const wallUs = ((performance.now() - started) * 1000) / PER_ROUND;
  const used = process.cpuUsage(cpu);
  const cpuUs = (used.user + used.system) / PER_ROUND;
  out(
    `  ${d.name} round ${d.rounds.length + 1}: ${wallUs.toFixed(1)} µs/request (CPU ${cpuUs.toFixed(1)} µs)`,
  );
  d.rounds.push({ wallUs, cpuUs });
}

async function main(): Promise<void> {
  const loaded = loadConfig({
    SENTINEL_API_KEYS: `bench:${BENCH_KEY}`,
    SENTINEL_STORE: 'memory',
    SENTINEL_PSEUDONYM_KEY: 'bench-pseudonym-key-0123456789',
    // One tenant sends everything: the limiter runs, but never refuses.
    ...UNLIMITED_RATES,
  });
  if (!loaded.ok) {
    throw new Error(loaded.issues.join('; '));
  }
  // Log lines are built as in production and dropped: a terminal would measure itself.
  const logger = createLogger({
    level: 'info',
    projectId: 'bench',
    service: 'risk-api',
    write: () => undefined,
  });
  const service = composeRiskApi(
    loaded.config,
    {
      state: new MemoryRiskStateStore(),
      // As main.ts keeps it: the newest 5,000 decisions unless configured otherwise.
      log: new MemoryDecisionLog({ maxDecisions: loaded.config.memoryMaxDecisions }),
      policyStores: new MemoryPolicyStores(),
      publisher: new MemoryDecisionEventPublisher(),
    },
    { logger, demo: true },
  );
  await service.start();
  await service.warmUp();
  const appFetch: Fetch = (request) => service.app.fetch(request);
  await seedUsers('http://in-process', benchUsers(200), (input, init) =>
    Promise.resolve(service.app.fetch(new Request(input, init))),
  );

  out(
    `In-process, one request at a time, ${ROUNDS} × ${PER_ROUND.toLocaleString('en')} requests (Node ${process.version})`,
  );
  // The two apps' rounds alternate, each round the reverse order of the one before, so a drift of
  // the machine (or of the process's heap) weighs on both alike.
  const baseline = driver('baseline', createBaselineApp(BENCH_KEY).fetch, 'base');
  const riskApi = driver('risk-api in memory', appFetch, 'mem');
  for (let round = 0; round < ROUNDS; round++) {
    for (const d of round % 2 === 0 ? [baseline, riskApi] : [riskApi, baseline]) {
      await measureRound(d);
    }
  }
  await service.stop();
  if (JSON_OUT) {
    process.stdout.write(
      JSON.stringify({ perRound: PER_ROUND, baseline: baseline.rounds, riskApi: riskApi.rounds }) +
        '\n',
    );
    return;
  }
  const last = (d: Driver) => d.rounds.at(-1)?.wallUs ?? NaN;
  out(
    `last round: baseline ${last(baseline).toFixed(1)} µs, risk-api ${last(riskApi).toFixed(1)} µs per request: the decision adds ${(last(riskApi) - last(baseline)).toFixed(1)} µs (${(last(riskApi) / last(baseline)).toFixed(1)} × the baseline)`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `in-process bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});

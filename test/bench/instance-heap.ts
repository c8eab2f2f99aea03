// The heap the risk-api's Cloud Run instance gives Node, for every server the bench starts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workerHeap } from '@sentinel/risk-api';

const SERVICES_TF = join(import.meta.dirname, '../../infra/terraform/modules/sentinel/services.tf');

/**
 * Node sizes V8's heap from the container's memory limit, not from the machine's memory. Measured
 * with Node 24.22 in Linux memory cgroups: `v8.getHeapStatistics().heap_size_limit` is 560 MB in
 * 1 GiB, 1,120 in 2 GiB and 2,240 in 4 GiB — exactly what these flags give (an old generation of
 * half the memory, three semi-spaces of 16, 32 or 64 MB). On the bench's 24 GiB machine Node
 * picks a 4 GB old generation and 64 MB semi-spaces instead, and collects far less often than
 * the instance: in issue 17's third session the risk-api on the emulators used about a quarter
 * more CPU per request under a 1 GiB instance's heap, for a third less RSS
 * (docs/performance-log.md). Sizes not measured are refused: measure them
 * (`node -p "v8.getHeapStatistics().heap_size_limit"` in a memory cgroup) first.
 */
const HEAP_FLAGS_BY_MEMORY: Readonly<Record<string, readonly string[]>> = {
  '1Gi': ['--max-old-space-size=512', '--max-semi-space-size=16'],
  '2Gi': ['--max-old-space-size=1024', '--max-semi-space-size=32'],
  '4Gi': ['--max-old-space-size=2048', '--max-semi-space-size=64'],
};

export function heapFlagsFor(memory: string): readonly string[] {
  const flags = HEAP_FLAGS_BY_MEMORY[memory];
  if (flags === undefined) {
    throw new Error(
      `no measured Node heap for a ${memory} Cloud Run instance (measured: ${Object.keys(HEAP_FLAGS_BY_MEMORY).join(', ')})`,
    );
  }
  return flags;
}

/** The `memory` of the `risk_api` module call in services.tf (a plain literal there). */
export function riskApiMemory(servicesTf: string): string {
  const block = /^module "risk_api" \{\n([\s\S]*?)^\}/m.exec(servicesTf)?.[1];
  const memory = block === undefined ? undefined : /^\s*memory\s*=\s*"([^"]+)"/m.exec(block)?.[1];
  if (memory === undefined) {
    throw new Error('services.tf: no literal memory in module "risk_api"');
  }
  return memory;
}

/**
 * The flags of one of `workers` workers of an instance whose one process would have `flags`: the
 * old generation the supervisor gives each (services/risk-api/src/workers.ts), for a container of
 * `memory`.
 */
export function workerShareOf(
  flags: readonly string[],
  memory: string,
  workers: number,
): readonly string[] {
  const gib = /^(\d+)Gi$/.exec(memory)?.[1];
  if (gib === undefined) {
    throw new Error(`not a size in Gi: ${memory}`);
  }
  const share = workerHeap({
    execArgv: [],
    nodeOptions: '',
    containerBytes: Number(gib) * 1024 ** 3,
    workers,
  }).oldSpaceMB;
  return workers <= 1 || share === null
    ? flags
    : flags.map((f) =>
        f.startsWith('--max-old-space-size=') ? `--max-old-space-size=${share}` : f,
      );
}

const machineHeap = process.env['BENCH_HEAP'] === 'machine';
const instanceMemory = machineHeap ? null : riskApiMemory(readFileSync(SERVICES_TF, 'utf8'));

/**
 * The risk-api instance's heap flags for a process of `workers` (SENTINEL_WORKERS, 1 for a single
 * process), or none with `BENCH_HEAP=machine` (the machine's own heap, as the bench ran before
 * the third session of issue 17).
 */
export function instanceHeapFlags(workers = 1): readonly string[] {
  return instanceMemory === null
    ? []
    : workerShareOf(heapFlagsFor(instanceMemory), instanceMemory, workers);
}

import cluster from 'node:cluster';
import { totalmem } from 'node:os';
import type { Logger } from '@sentinel/kernel';

/**
 * Opt-in worker per vCPU (SENTINEL_WORKERS, issue 17): one event loop reaches a ceiling that a
 * Cloud Run instance with 2+ vCPUs could double. This process becomes a supervisor that forks
 * `count` workers, each a whole risk-api on the same port (the cluster module hands them the
 * connections, round robin). A worker that dies ends the instance (exit 1): Cloud Run replaces it,
 * rather than an instance running on fewer loops than it was sized for. SIGTERM / SIGINT go to
 * every worker; each drains as a single process does, and the supervisor exits with 0 when all did.
 *
 * With the memory store each worker has its own state (a demo and benchmark setting only); with
 * Firestore the workers share everything that matters, idempotency claims included.
 */
export function superviseWorkers(count: number, logger: Logger): void {
  let stopping = false;
  const live = new Set<number>();
  const heap = workerHeap({
    execArgv: process.execArgv,
    nodeOptions: process.env['NODE_OPTIONS'] ?? '',
    containerBytes: containerMemoryBytes(process.constrainedMemory(), totalmem()),
    workers: count,
  });
  cluster.setupPrimary({ execArgv: [...heap.execArgv] });
  if (heap.oldSpaceMB !== null) {
    const fields = { workers: count, oldSpacePerWorkerMB: heap.oldSpaceMB };
    if (heap.oldSpaceMB < MIN_WORKER_OLD_SPACE_MB) {
      logger.warn('risk-api workers: each one’s share of the instance’s memory is small', fields);
    } else {
      logger.info('risk-api workers share the instance’s memory', fields);
    }
  }
  for (let i = 0; i < count; i++) {
    const worker = cluster.fork();
    live.add(worker.id);
  }
  cluster.on('exit', (worker, code, signal) => {
    live.delete(worker.id);
    if (!stopping) {
      logger.error('risk-api worker died; stopping the instance', {
        worker: worker.id,
        code,
        signal,
      });
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) {
        other?.process.kill('SIGTERM');
      }
      process.exitCode = 1;
    }
    if (live.size === 0) {
      process.exit(process.exitCode ?? 0);
    }
  });
  const stop = () => {
    if (stopping) {
      return;
    }
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) {
      worker?.process.kill('SIGTERM');
    }
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  logger.info('risk-api supervising workers', { workers: count });
}

/** This process's worker number under `superviseWorkers`; null when it runs alone. */
export function workerId(): number | null {
  return cluster.isWorker ? (cluster.worker?.id ?? null) : null;
}

/** Whether this process should supervise rather than serve. */
export function isSupervisor(count: number): boolean {
  return count > 1 && cluster.isPrimary;
}

const MIB = 1_048_576;

/** Below this old generation a worker is likely to run out of heap (the risk-api holds ≈ 100 MB live under load). */
export const MIN_WORKER_OLD_SPACE_MB = 256;

/** The container's memory limit, or null when the process runs without one (a laptop, CI). */
export function containerMemoryBytes(constrained: number, total: number): number | null {
  // Node 24 reports a huge number, not 0, when no cgroup limits the process.
  return constrained > 0 && constrained < total ? constrained : null;
}

/**
 * Each worker's Node flags: the supervisor's own, and an old generation of its share of the
 * container. Node gives a process an old generation of half the container's memory (measured
 * in memory cgroups, docs/performance-log.md: 2 GiB → 1,024 MB), so n workers left alone would
 * together be allowed n halves, and a container past its limit is killed before any V8 collects
 * harder — the more likely as the image lets each heap grow further between collections
 * (`--heap-growing-percent`). Each worker gets half of the memory divided by n instead
 * (`oldSpaceMB`), unless the operator set a heap size (on the command line or in NODE_OPTIONS) or
 * no container limits the memory (null).
 */
export function workerHeap(opts: {
  readonly execArgv: readonly string[];
  readonly nodeOptions: string;
  readonly containerBytes: number | null;
  readonly workers: number;
}): { readonly execArgv: readonly string[]; readonly oldSpaceMB: number | null } {
  // V8 takes its flags with dashes or underscores.
  const setByOperator = [...opts.execArgv, ...opts.nodeOptions.split(/\s+/)]
    .map((arg) => arg.replaceAll('_', '-'))
    .some((arg) => arg.startsWith('--max-old-space-size') || arg.startsWith('--max-heap-size'));
  if (setByOperator || opts.containerBytes === null) {
    return { execArgv: opts.execArgv, oldSpaceMB: null };
  }
  const oldSpaceMB = Math.floor(opts.containerBytes / 2 / opts.workers / MIB);
  return { execArgv: [...opts.execArgv, `--max-old-space-size=${oldSpaceMB}`], oldSpaceMB };
}

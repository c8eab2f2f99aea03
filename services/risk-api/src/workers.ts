import cluster from 'node:cluster';
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

import { Worker } from 'node:worker_threads';
import { scoreRecords, type ScoredBatch, type ScoringSetup } from './score-batch.ts';
import { compileBatchPolicy } from './score-row.ts';
import { packRecords, unpackScored } from './batch-wire.ts';
import type { RawRecord } from './raw-record.ts';

/** Scores batches of records; answers may come out of order, the caller restores file order. */
export interface Scorer {
  score(records: RawRecord[]): Promise<ScoredBatch>;
  close(): Promise<void>;
}

/** Scores in this thread: for small files and one-core machines, where workers only add copying. */
export function inlineScorer(setup: ScoringSetup): Scorer {
  const compiled = compileBatchPolicy(setup.policy);
  if (!compiled.ok) {
    throw new Error(`policy not compiled: ${compiled.problems.join('; ')}`); // checked before: a bug
  }
  return {
    score: (records) => Promise.resolve(scoreRecords(records, setup, compiled.policy)),
    close: () => Promise.resolve(),
  };
}

// A worker holds its code and a batch or two (a few MB): left to V8's defaults, each grows its heap
// to hundreds of MB of garbage before collecting, and the pool's memory is no longer flat.
const WORKER_HEAP = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 };

interface Pending {
  resolve(batch: ScoredBatch): void;
  reject(error: unknown): void;
}

/**
 * A pool of `size` worker threads, each compiling the policy once; a batch goes to the worker with
 * the fewest batches in flight. A worker that fails fails every batch in flight (a bug, not input).
 */
export function workerScorer(setup: ScoringSetup, size: number): Scorer {
  const workers = Array.from({ length: size }, () => {
    const worker = new Worker(new URL('./score-worker.ts', import.meta.url), {
      workerData: setup,
      resourceLimits: WORKER_HEAP,
    });
    const pending = new Map<number, Pending>();
    worker.on('message', (answer: { id: number; json: string }) => {
      const task = pending.get(answer.id);
      pending.delete(answer.id);
      task?.resolve(unpackScored(answer.json));
    });
    const failAll = (error: unknown) => {
      for (const task of pending.values()) {
        task.reject(error);
      }
      pending.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`a scoring worker exited with code ${code}`)));
    return { worker, pending };
  });
  let nextId = 0;
  return {
    score(records) {
      const target = workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = nextId++;
      return new Promise<ScoredBatch>((resolve, reject) => {
        target.pending.set(id, { resolve, reject });
        target.worker.postMessage({ id, wire: packRecords(records) });
      });
    },
    async close() {
      await Promise.all(workers.map(({ worker }) => worker.terminate()));
    },
  };
}

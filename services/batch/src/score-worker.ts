// A worker thread of the scoring pool: compiles the run's policy once, then validates and scores
// each batch of raw records it is sent, answering with the batch's id.
import { parentPort, workerData } from 'node:worker_threads';
import { scoreRecords, type ScoringSetup } from './score-batch.ts';
import { compileBatchPolicy } from './score-row.ts';
import { packScored, unpackRecords, type WireRecords } from './batch-wire.ts';

const setup = workerData as ScoringSetup;
const compiled = compileBatchPolicy(setup.policy);
if (!compiled.ok) {
  // The main thread compiled the same document first, so this is a bug, not bad input.
  throw new Error(`the policy did not compile in a worker: ${compiled.problems.join('; ')}`);
}
const policy = compiled.policy;
parentPort?.on('message', (task: { id: number; wire: WireRecords }) => {
  const scored = scoreRecords(unpackRecords(task.wire), setup, policy);
  parentPort?.postMessage({ id: task.id, json: packScored(scored) });
});

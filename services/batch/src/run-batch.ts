import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { PolicyDocument } from '@sentinel/engine';
import type { Clock } from '@sentinel/kernel';
import { ERRORS_HEADER, errorLine, RESULTS_HEADER, resultLine } from './batch-csv.ts';
import { createCsvFile } from './csv-writer.ts';
import { openCsv } from './csv-source.ts';
import { detectFileKind } from './file-kind.ts';
import { readHeader } from './header.ts';
import { UnreadableFileError, type RawRecord, type RecordSource } from './raw-record.ts';
import type { ReportSink, RunMeta } from './report-sink.ts';
import type { ScoredBatch, ScoringSetup } from './score-batch.ts';
import { compileBatchPolicy } from './score-row.ts';
import { inlineScorer, workerScorer, type Scorer } from './scorer.ts';
import { openXlsx } from './xlsx-source.ts';

export interface Progress {
  readonly rows: number;
  readonly bytesRead: number;
  readonly totalBytes: number;
}

export interface RunOptions {
  readonly file: string;
  readonly outDir: string;
  readonly sheet?: string;
  /** A policy document (BATCH_POLICY or one read from --policy), validated here. */
  readonly policy: unknown;
  /** Scoring threads: 1 scores in the main thread; 'auto' decides by file size and cores. */
  readonly workers: number | 'auto';
  /** The report of the run, made once the policy is known to be valid (its id, version, bands). */
  readonly sink: (policy: PolicyDocument) => ReportSink;
  readonly clock: Pick<Clock, 'monotonicMs'>;
  readonly onProgress?: (progress: Progress) => void;
}

export type RunResult =
  | { readonly ok: true; readonly meta: RunMeta; readonly problems?: never }
  | { readonly ok: false; readonly problems: readonly string[]; readonly meta?: never };

// Rows per batch: large enough to amortise a message to a worker, small enough in this thread for
// its rows to die young (a batch that outlives a scavenge is promoted and costs a full GC).
const BATCH_ROWS = { inline: 256, pool: 2000 } as const;
// Below this a pool costs more (start-up, copying) than it saves.
const POOL_FROM_BYTES = 32 << 20;

/**
 * Scores an activity file: checks the policy, the file's type and its header before writing
 * anything (a problem there is `ok: false`), then streams the records through the scorer in
 * batches and writes results.csv and errors.csv in file order, feeding the report sink as it goes.
 */
export async function runBatch(options: RunOptions): Promise<RunResult> {
  const started = options.clock.monotonicMs();
  const compiled = compileBatchPolicy(options.policy);
  if (!compiled.ok) {
    return { ok: false, problems: compiled.problems.map((p) => `policy: ${p}`) };
  }
  const kind = await detectFileKind(options.file);
  if (!kind.ok) {
    return { ok: false, problems: [kind.problem] };
  }
  const source =
    kind.kind === 'csv' ? await openCsv(options.file) : await openXlsx(options.file, options.sheet);
  const iterator = source.records[Symbol.asyncIterator]();
  let scorer: Scorer | undefined;
  try {
    // The header is the first record of the first non-empty run.
    let first = await iterator.next();
    while (first.done !== true && first.value.length === 0) {
      first = await iterator.next();
    }
    const headerRecord = first.done === true ? undefined : first.value[0];
    if (first.done === true || headerRecord === undefined) {
      return { ok: false, problems: [`${options.file} is empty: there is no header row`] };
    }
    const header = readHeader(headerRecord.cells);
    if (!header.ok) {
      return { ok: false, problems: header.problems.map((p) => `${options.file}: ${p}`) };
    }
    const setup: ScoringSetup = {
      header: header.header,
      policy: options.policy,
      shortRowsAllowed: source.shortRowsAllowed,
    };
    const sink = options.sink(compiled.policy.document);
    const workers = poolSize(options.workers, source);
    scorer = workers > 1 ? workerScorer(setup, workers) : inlineScorer(setup);
    const counts = await scoreAll(first.value.slice(1), iterator, source, scorer, workers, {
      ...options,
      sink,
    });
    const meta: RunMeta = {
      file: options.file,
      outDir: options.outDir,
      policyId: compiled.policy.document.id,
      ...counts,
      durationMs: Math.round(options.clock.monotonicMs() - started),
      workers,
    };
    await sink.finish(meta);
    return { ok: true, meta };
  } catch (error) {
    if (error instanceof UnreadableFileError) {
      return { ok: false, problems: [`${options.file}: ${error.message}`] };
    }
    throw error;
  } finally {
    await iterator.return?.();
    await scorer?.close();
  }
}

/**
 * 'auto': a pool of one worker per core for a large file when there are more than two cores. The
 * main thread keeps a share of the work (reading, writing, the report), and on two cores the pool
 * measured slower than one thread (npm run bench: 0.93× on 1,000,000 rows, 0.74× on a 1 GB CSV),
 * so there it scores in this thread.
 */
function poolSize(asked: number | 'auto', source: RecordSource): number {
  if (asked !== 'auto') {
    return Math.max(1, Math.floor(asked));
  }
  const cores = availableParallelism();
  return cores > 2 && source.totalBytes >= POOL_FROM_BYTES ? cores : 1;
}

async function scoreAll(
  firstRun: readonly RawRecord[],
  iterator: AsyncIterator<readonly RawRecord[]>,
  source: RecordSource,
  scorer: Scorer,
  workers: number,
  options: Omit<RunOptions, 'sink'> & { readonly sink: ReportSink },
): Promise<Pick<RunMeta, 'rows' | 'scored' | 'rejected' | 'errors'>> {
  await mkdir(options.outDir, { recursive: true });
  const results = await createCsvFile(join(options.outDir, 'results.csv'), RESULTS_HEADER);
  const errors = await createCsvFile(join(options.outDir, 'errors.csv'), ERRORS_HEADER);
  const counts = { rows: 0, scored: 0, rejected: 0, errors: 0 };
  // Batches in flight, oldest first: written in this order whatever order they finish in.
  const inFlight: Promise<ScoredBatch>[] = [];
  const maxInFlight = workers * 2;
  const batchRows = workers > 1 ? BATCH_ROWS.pool : BATCH_ROWS.inline;
  const writeOldest = async () => {
    const batch = await (inFlight.shift() as Promise<ScoredBatch>);
    let text = '';
    for (const r of batch.results) {
      options.sink.addResult(r);
      text += resultLine(r);
    }
    await results.write(text);
    text = '';
    const rejectedLines = new Set<number>();
    for (const e of batch.errors) {
      options.sink.addError(e);
      rejectedLines.add(e.line);
      text += errorLine(e);
    }
    await errors.write(text);
    counts.scored += batch.results.length;
    counts.rejected += rejectedLines.size;
    counts.errors += batch.errors.length;
    options.onProgress?.({
      rows: counts.scored + counts.rejected,
      bytesRead: source.bytesRead(),
      totalBytes: source.totalBytes,
    });
  };
  try {
    let batch: RawRecord[] = [];
    let run: readonly RawRecord[] = firstRun;
    for (;;) {
      for (const record of run) {
        batch.push(record);
        if (batch.length === batchRows) {
          inFlight.push(scorer.score(batch));
          batch = [];
        }
      }
      counts.rows += run.length;
      while (inFlight.length >= maxInFlight) {
        await writeOldest();
      }
      const next = await iterator.next();
      if (next.done === true) {
        break;
      }
      run = next.value;
    }
    if (batch.length > 0) {
      inFlight.push(scorer.score(batch));
    }
    while (inFlight.length > 0) {
      await writeOldest();
    }
  } finally {
    // Failed batches still in flight must not surface as unhandled rejections.
    for (const pending of inFlight) {
      pending.catch(() => undefined);
    }
    await results.close();
    await errors.close();
  }
  return counts;
}

// npm run batch -- <file.csv|file.xlsx> [--policy file.json] [--out dir] [--sheet name]
// The composition root of batch mode: reads the arguments and the policy, runs the batch, draws
// the progress bar on a terminal, prints the summary line and leaves with the exit code.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { BATCH_POLICY } from '@sentinel/engine';
import { systemClock } from '@sentinel/kernel';
import { progressBar } from './progress.ts';
import { createSummaryReport } from './summary-report.ts';
import { runBatch, type Progress } from './run-batch.ts';
import { TIMESTAMP_FORMS } from './timestamp.ts';

const EXIT = { allScored: 0, rowsRejected: 1, unreadable: 2, internal: 3 } as const;

const HELP = `Usage: npm run batch -- <file.csv|file.xlsx> [options]

Scores every row of a telco activity file with the engine's batch rule set and writes
results.csv (line, subscriber_id, score, level, rules, reasons) and errors.csv (line, column,
message: every rejected row, never dropped silently) into the output directory.

Options:
  --policy <file.json>  a policy document to score with instead of the batch preset (id "batch")
  --out <dir>           output directory, created if missing (default ./batch-out)
  --sheet <name>        the worksheet of an .xlsx file to read (default: the first)
  --workers <n>         scoring threads; 1 = this thread only (default: one worker per core for
                        files of 32 MB and more on a machine of three cores or more, else 1)
  -h, --help            this text

Timestamps: ${TIMESTAMP_FORMS}.

Exit codes:
  0  every row was scored
  1  some rows were rejected (see errors.csv); the others were scored and written
  2  the file could not be read at all: missing or unknown columns, not what its extension says,
     unreadable, a missing sheet, or a bad policy (all checked before anything is written); or
     the file broke off part way (a corrupt workbook): the rows before are kept
  3  an internal error (a bug): please report it
`;

async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        policy: { type: 'string' },
        out: { type: 'string', default: 'batch-out' },
        sheet: { type: 'string' },
        workers: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return EXIT.allScored;
  }
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) {
    return usage(
      file === undefined ? 'no file given' : `one file at a time, got ${positionals.length}`,
    );
  }
  const workers = values.workers === undefined ? 'auto' : Number(values.workers);
  if (workers !== 'auto' && !(Number.isInteger(workers) && workers >= 1)) {
    return usage('--workers must be a whole number from 1');
  }
  const policy = values.policy === undefined ? BATCH_POLICY : await readPolicy(values.policy);
  if (policy instanceof Error) {
    process.stderr.write(`batch: ${policy.message}\n`);
    return EXIT.unreadable;
  }

  const bar = process.stderr.isTTY
    ? progressBar((text) => process.stderr.write(text), systemClock)
    : undefined;
  const run = await runBatch({
    file,
    outDir: values.out,
    ...(values.sheet === undefined ? {} : { sheet: values.sheet }),
    policy,
    workers,
    // The summary and report.html; the detection metrics of a labelled file go to stdout.
    sink: (doc) =>
      createSummaryReport({
        policy: doc,
        clock: systemClock,
        print: (text) => process.stdout.write(text),
      }),
    clock: systemClock,
    ...(bar === undefined ? {} : { onProgress: (p: Progress) => bar.update(p) }),
  });
  bar?.clear();
  if (!run.ok) {
    process.stderr.write(
      `batch: the file could not be scored:\n${run.problems.map((p) => `  - ${p}\n`).join('')}`,
    );
    return EXIT.unreadable;
  }
  const m = run.meta;
  const rate = m.durationMs > 0 ? Math.round((m.rows / m.durationMs) * 1000) : m.rows;
  process.stdout.write(
    `batch: ${m.rows} rows, ${m.scored} scored, ${m.rejected} rejected (${m.errors} errors) in ` +
      `${(m.durationMs / 1000).toFixed(1)} s, ${rate} rows/s, policy ${m.policyId}, ` +
      `${m.workers} ${m.workers === 1 ? 'thread' : 'workers'}; written to ${m.outDir}\n`,
  );
  return m.rejected > 0 ? EXIT.rowsRejected : EXIT.allScored;
}

function usage(problem: string): number {
  process.stderr.write(`batch: ${problem}\n\n${HELP}`);
  return EXIT.unreadable;
}

async function readPolicy(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (error) {
    const why =
      error instanceof SyntaxError
        ? `not JSON (${error.message})`
        : (error as NodeJS.ErrnoException).code;
    return new Error(`the policy ${path} cannot be read: ${why ?? String(error)}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `batch: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = EXIT.internal;
  },
);

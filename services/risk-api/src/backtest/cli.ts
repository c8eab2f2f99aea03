// npm run backtest -- --tenant <id> --policy <file.json> --from <RFC 3339> --to <RFC 3339>
// The composition root of the backtest CLI: replays a candidate policy over a tenant's decisions
// in Firestore (or the emulator, FIRESTORE_EMULATOR_HOST) and writes NDJSON to stdout: first the
// summary, then one line per decision whose action would change, in decision order.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { Firestore } from '@google-cloud/firestore';
import {
  FirestoreDecisionLog,
  FirestoreReportedOutcomes,
  FirestoreRiskStateStore,
  firestoreSettings,
  type DecisionPosition,
} from '@sentinel/store';
import { compileTenantPolicy } from '../app/compile-tenant-policy.ts';
import { runBacktest } from './run-backtest.ts';

const EXIT = { ok: 0, usage: 2, internal: 3 } as const;
/** SPEC: a backtest covers at most 31 days of decisions (as `POST /v1/policy/backtest`). */
const MAX_WINDOW_MS = 31 * 86_400_000;
const PAGE = 500;

const HELP = `Usage: npm run backtest -- --tenant <id> --policy <file.json> --from <time> --to <time>

Replays a candidate policy (a full policy document, validated like PUT /v1/policy) over the
tenant's decisions decided from --from (inclusive) to --to (exclusive, at most 31 days later),
read from Firestore: GOOGLE_CLOUD_PROJECT names the project, FIRESTORE_EMULATOR_HOST the
emulator. Writes NDJSON to stdout: the summary (counts, action mix and confusion matrix before
and after), then every decision whose action would change. See docs/backtest.md.

Exit codes: 0 done; 2 bad arguments or an invalid policy (every problem listed); 3 an error.
`;

function fail(message: string): number {
  process.stderr.write(`${message}\n\n${HELP}`);
  return EXIT.usage;
}

const write = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`);

async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        tenant: { type: 'string' },
        policy: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  const projectId = env['GOOGLE_CLOUD_PROJECT'];
  const from = new Date(values.from ?? '');
  const to = new Date(values.to ?? '');
  const problems = [
    ...(values.tenant === undefined ? ['--tenant is required'] : []),
    ...(values.policy === undefined ? ['--policy is required'] : []),
    ...(Number.isNaN(from.getTime()) ? ['--from must be an RFC 3339 time'] : []),
    ...(Number.isNaN(to.getTime()) ? ['--to must be an RFC 3339 time'] : []),
    ...(to.getTime() - from.getTime() > 0 ? [] : ['--to must be after --from']),
    ...(to.getTime() - from.getTime() > MAX_WINDOW_MS
      ? ['--to must be at most 31 days after --from']
      : []),
    ...(projectId === undefined || projectId === '' ? ['GOOGLE_CLOUD_PROJECT is not set'] : []),
  ];
  if (problems.length > 0 || values.tenant === undefined || values.policy === undefined) {
    return fail(problems.join('\n'));
  }
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(values.policy, 'utf8'));
  } catch (error) {
    return fail(`--policy: ${error instanceof Error ? error.message : String(error)}`);
  }
  const compiled =
    doc !== null && typeof doc === 'object' && !Array.isArray(doc)
      ? compileTenantPolicy(doc as Record<string, unknown>, values.tenant)
      : { ok: false as const, issues: [{ path: '(policy)', message: 'must be a JSON object' }] };
  if (!compiled.ok) {
    return fail(compiled.issues.map((i) => `policy ${i.path}: ${i.message}`).join('\n'));
  }

  const db = new Firestore({ ...firestoreSettings({ projectId: projectId ?? '' }) });
  try {
    const deps = {
      log: new FirestoreDecisionLog(db),
      outcomes: new FirestoreReportedOutcomes(db),
      baselines: new FirestoreRiskStateStore(db),
    };
    const request = { tenant: values.tenant, policy: compiled.policy, from, to, pageSize: PAGE };
    let after: DecisionPosition | undefined;
    do {
      const result = await runBacktest(deps, {
        ...request,
        ...(after === undefined ? {} : { after }),
      });
      if (result.summary !== null) {
        const { id, version } = compiled.policy.document;
        write({ policy: { id, version }, window: { from, to }, summary: result.summary });
      }
      result.changes.forEach(write);
      after = result.next ?? undefined;
    } while (after !== undefined);
    return EXIT.ok;
  } finally {
    await db.terminate();
  }
}

main(process.argv.slice(2), process.env).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `backtest failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = EXIT.internal;
  },
);

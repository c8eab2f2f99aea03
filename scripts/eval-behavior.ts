// npm run eval:behavior — evaluates the behavioural model (issue 4, SPEC §6).
//   Scenarios: SHIELD's profiles through the whole engine over many seeds; per scenario the
//   behaviour score distribution and the share of each action, with and without a SIM swap, for
//   SHIELD's own and for legitimate-like time_since_last_seen_hours.
//     npm run eval:behavior -- [--runs 1000] [--seed 1] [--enrolment 10] [--upstream-clamp]
//   Labelled CSV: per-subject equal error rate, ending with `mean EER: … over N subjects`.
//     npm run eval:behavior -- --csv FILE --subject COLUMN --train N --impostor-samples K
//                              [--exclude col,col]
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { MIN_BASELINE_SESSIONS } from '@sentinel/engine';
import { parseLabelledCsv } from '@sentinel/engine';
import { summarise } from '@sentinel/engine';
import { evaluateScenarios } from '@sentinel/engine';
import { subjectEqualErrorRates } from '@sentinel/engine';
import { loadShieldReference } from '@sentinel/engine/testing';
import { SHIELD_ATTACKS } from '@sentinel/engine';
import { compilePolicy } from '@sentinel/engine';
import { DEFAULT_POLICY } from '@sentinel/engine';

const out = (line = '') => process.stdout.write(`${line}\n`);
const pct = (share: number) => `${(100 * share).toFixed(1)}%`.padStart(7);
const num = (v: number | undefined) => (v === undefined ? '—' : v.toFixed(1)).padStart(5);

class UsageError extends Error {}

const OPTIONS = {
  runs: { type: 'string' },
  seed: { type: 'string' },
  enrolment: { type: 'string' },
  'upstream-clamp': { type: 'boolean' },
  shield: { type: 'string' },
  csv: { type: 'string' },
  subject: { type: 'string' },
  train: { type: 'string' },
  'impostor-samples': { type: 'string' },
  exclude: { type: 'string' },
} as const;
type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];

function integer(name: string, value: string | undefined, min: number, fallback?: number): number {
  if (value === undefined && fallback !== undefined) {
    return fallback;
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new UsageError(`--${name} must be an integer ≥ ${min}`);
  }
  return n;
}

function scenarioReport(values: Values): void {
  const runs = integer('runs', values.runs, 3, 1000); // a fleet needs 3 users
  const firstSeed = integer('seed', values.seed, 0, 1);
  const enrolmentSessions = integer('enrolment', values.enrolment, MIN_BASELINE_SESSIONS, 10);
  const upstreamClamp = values['upstream-clamp'] === true;
  const reference = loadShieldReference(values.shield);
  const policy = compilePolicy(DEFAULT_POLICY);
  if (!policy.ok) {
    throw new Error('the default policy does not compile');
  }
  const started = performance.now();
  const result = evaluateScenarios({
    reference,
    policy: policy.policy,
    now: new Date(),
    runs,
    firstSeed,
    simulation: { enrolmentSessions, draw: { upstreamClamp } },
  });
  const seconds = (performance.now() - started) / 1000;
  out(
    `Behaviour evaluation: ${runs} simulated users (seeds ${firstSeed}–${firstSeed + runs - 1}), ` +
      `${enrolmentSessions} enrolment sessions each, policy ${DEFAULT_POLICY.id} v${DEFAULT_POLICY.version}` +
      `${upstreamClamp ? ', upstream clamp at 0' : ''} — ${seconds.toFixed(1)} s`,
  );
  out('score: SHIELD confidence 0–100 (high = like the user); last seen: SHIELD’s own');
  out(
    'time_since_last_seen_hours ("shield", 9999 h in 1, 3, 5) or drawn like the user’s ("legit")',
  );
  out();
  const names: Record<string, string> = { legitimate: 'legitimate user' };
  for (const id of SHIELD_ATTACKS) {
    names[id] = `${id.replace('scenario_', '')} ${reference.attacks[id].name}`;
  }
  out(
    `${'scenario'.padEnd(32)} ${'last'.padEnd(6)} swap     n   min    p5   p50   p95   max` +
      '  APPROVE STEP_UP    DENY  freeze',
  );
  for (const c of result.conditions) {
    const s = summarise(c.outcomes);
    out(
      `${(names[c.scenario] ?? c.scenario).slice(0, 32).padEnd(32)} ` +
        `${(c.lastSeen === 'profile' ? 'shield' : 'legit').padEnd(6)} ${(c.simSwap ? 'yes' : 'no').padEnd(4)}` +
        `${String(s.n).padStart(6)} ${num(s.scores?.min)} ${num(s.scores?.p5)} ${num(s.scores?.p50)}` +
        ` ${num(s.scores?.p95)} ${num(s.scores?.max)}  ${pct(s.approve)} ${pct(s.stepUp)}` +
        ` ${pct(s.deny)} ${pct(s.freeze)}`,
    );
  }
  out();
  const size = result.fleet[0]?.accounts.length ?? 0;
  out(
    `Fleet: scenario 5 from one device across ${size} accounts within 60 min (no SIM swap, legit ` +
      `last seen), ${result.fleet.length / 2} attacks`,
  );
  out(`${'accounts'.padEnd(22)} position  APPROVE STEP_UP    DENY  freeze   fleet  all frozen`);
  for (const withBehavior of [true, false]) {
    const runsOf = result.fleet.filter((f) => f.withBehavior === withBehavior);
    for (let i = 0; i < size; i += 1) {
      const outcomes = runsOf.flatMap((f) => f.accounts[i] ?? []);
      const s = summarise(outcomes);
      const share = (t: (o: (typeof outcomes)[number]) => boolean) =>
        outcomes.filter(t).length / outcomes.length;
      const fleetHit = share((o) => o.reasons.includes('FLEET_ANOMALY'));
      const listed = share((o) => o.frozen.length === i + 1);
      out(
        `${(withBehavior ? 'with baselines' : 'fleet rule alone').padEnd(22)} ${String(i + 1).padStart(8)}` +
          `  ${pct(s.approve)} ${pct(s.stepUp)} ${pct(s.deny)} ${pct(s.freeze)} ${pct(fleetHit)}` +
          `     ${pct(listed)}`,
      );
    }
  }
}

function csvReport(file: string, values: Values): void {
  const subject = values.subject;
  if (subject === undefined) {
    throw new UsageError('--csv needs --subject COLUMN');
  }
  const train = integer('train', values.train, 2);
  const impostorSamples = integer('impostor-samples', values['impostor-samples'], 1);
  if (!existsSync(file)) {
    throw new UsageError(`no such file: ${file}`);
  }
  const exclude = (values.exclude ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');
  const parsed = parseLabelledCsv(readFileSync(file, 'utf8'), { subject, exclude });
  if (!parsed.ok) {
    throw new UsageError(`${file}: ${parsed.issues.join('; ')}`);
  }
  const { data } = parsed;
  out(
    `${file}: ${data.subjects.size} subjects, ${data.features.length} features` +
      `${data.ignored.length > 0 ? ` (ignored: ${data.ignored.join(', ')})` : ''}; ` +
      `train on the first ${train} rows, impostors: first ${impostorSamples} rows of every other subject`,
  );
  const report = subjectEqualErrorRates(data, { train, impostorSamples, fittedAt: new Date() });
  for (const s of report.subjects) {
    out(
      `${s.subject.padEnd(16)} EER ${s.eer.toFixed(4)}  (${s.genuine} genuine, ${s.impostors} impostor)`,
    );
  }
  for (const s of report.skipped) {
    out(`${s.subject.padEnd(16)} skipped: ${s.reason}`);
  }
  if (report.subjects.length === 0) {
    throw new Error('no subject could be evaluated');
  }
  out(
    `mean EER: ${report.mean.toFixed(4)} (sd ${report.sd.toFixed(4)}) over ${report.subjects.length} subjects`,
  );
}

function main(argv: readonly string[]): number {
  try {
    const { values } = parseArgs({ args: [...argv], options: OPTIONS });
    if (values.csv === undefined) {
      scenarioReport(values);
    } else {
      csvReport(values.csv, values);
    }
    return 0;
  } catch (error) {
    const usage =
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`eval:behavior: ${(error as Error).message}\n`);
    return usage === true ? 2 : 1;
  }
}

// Run as a command: directly, or imported by scripts/node24.mjs (which sets argv[1] to this file).
if (import.meta.main || process.argv[1] === import.meta.filename) {
  process.exitCode = main(process.argv.slice(2));
}

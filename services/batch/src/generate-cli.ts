import { resolve } from 'node:path';
import { env, exit, stderr } from 'node:process';
import { parseArgs } from 'node:util';
import { asOfForSeed, generateRows } from './generate.ts';
import { writeActivityCsv, writeActivityXlsx } from './write-activity-file.ts';

const USAGE =
  'usage: npm run generate -- --users N --seed S [--xlsx] [--out file]\n' +
  '  N subscribers (1 … 100,000,000), seed S an integer; writes activity-<N>-<S>.csv (or .xlsx)\n';

function fail(message: string): never {
  stderr.write(`generate: ${message}\n${USAGE}`);
  exit(2);
}

function integer(value: string | undefined, name: string, min: number, max: number): number {
  const number = Number(value);
  if (value === undefined || !Number.isInteger(number) || number < min || number > max) {
    fail(`--${name} must be an integer from ${min} to ${max}`);
  }
  return number;
}

const parsed = (() => {
  try {
    return parseArgs({
      options: {
        users: { type: 'string' },
        seed: { type: 'string' },
        xlsx: { type: 'boolean', default: false },
        out: { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
})();

const users = integer(parsed.users, 'users', 1, 100_000_000);
const seed = integer(parsed.seed, 'seed', 0, 2 ** 31 - 1);
// npm runs scripts in the repository root; a relative --out means where the user typed the command.
const out = resolve(
  env.INIT_CWD ?? '.',
  parsed.out ?? `activity-${users}-${seed}.${parsed.xlsx ? 'xlsx' : 'csv'}`,
);
const rows = generateRows({ users, seed });
if (parsed.xlsx) {
  await writeActivityXlsx(rows, out, asOfForSeed(seed));
} else {
  await writeActivityCsv(rows, out);
}
stderr.write(`generate: ${users} subscribers (seed ${seed}) → ${out}\n`);

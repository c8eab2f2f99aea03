// End to end: `npm run eval:behavior` (scripts/eval-behavior.ts) spawned as the user runs it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom, standardNormal } from '../scenarios/seeded-random.ts';

const ROOT = resolve(import.meta.dirname, '../../../../..');
const dir = mkdtempSync(join(tmpdir(), 'eval-behavior-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function evalBehavior(...args: string[]) {
  const run = spawnSync(process.execPath, ['scripts/eval-behavior.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** 5 subjects × 30 rows: 3 features around subject-specific means 1.5 sd apart, plus noise columns. */
function syntheticCsv(): string {
  const random = seededRandom(2024);
  const lines = ['subject,rep,f1,f2,f3,label'];
  for (let s = 0; s < 5; s += 1) {
    for (let rep = 0; rep < 30; rep += 1) {
      const f = [1, 2, 3].map((k) => 10 * k + 1.5 * ((s * k) % 5) + standardNormal(random));
      lines.push(`u${s},${rep},${f.map((v) => v.toFixed(4)).join(',')},typed`);
    }
  }
  return `${lines.join('\n')}\n`;
}

describe('npm run eval:behavior', () => {
  it('prints per-subject EERs of a labelled CSV and ends with the mean line', () => {
    const file = join(dir, 'synthetic.csv');
    writeFileSync(file, syntheticCsv());
    const run = evalBehavior(
      '--csv',
      file,
      '--subject',
      'subject',
      '--train',
      '20',
      '--impostor-samples',
      '5',
      '--exclude',
      'rep',
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toContain('5 subjects, 3 features (ignored: rep, label)');
    expect(
      lines.filter((l) => /^u\d +EER 0\.\d{4} {2}\(10 genuine, 20 impostor\)$/.test(l)),
    ).toHaveLength(5);
    const last = lines.at(-1) ?? '';
    expect(last).toMatch(/^mean EER: 0\.\d{4} \(sd 0\.\d{4}\) over 5 subjects$/);
    const mean = Number(/mean EER: (\S+)/.exec(last)?.[1]);
    // Means 1.5 sd apart in a few features: separable but not perfectly.
    expect(mean).toBeGreaterThan(0);
    expect(mean).toBeLessThan(0.3);
  });

  it('prints the scenario table and the fleet summary', () => {
    const run = evalBehavior('--runs', '5');
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(
      /^Behaviour evaluation: 5 simulated users \(seeds 1–5\), 10 enrolment sessions/,
    );
    const rows = lines.filter((l) => /^(legitimate user|[1-6] )/.test(l));
    expect(rows).toHaveLength(7 * 4);
    expect(rows[0]).toMatch(/^legitimate user +shield no +5 /);
    expect(lines.filter((l) => /^(with baselines|fleet rule alone) +[1-3] /.test(l))).toHaveLength(
      6,
    );
  });

  it.each([
    [['--csv', 'x.csv', '--train', '5', '--impostor-samples', '5'], '--csv needs --subject COLUMN'],
    [
      ['--csv', 'x.csv', '--subject', 's', '--train', '0', '--impostor-samples', '5'],
      '--train must be an integer ≥ 2',
    ],
    [['--runs', 'many'], '--runs must be an integer ≥ 3'],
    [['--bogus'], "Unknown option '--bogus'"],
  ])('exits 2 on a usage error: %j', (args, message) => {
    const run = evalBehavior(...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
  });
});

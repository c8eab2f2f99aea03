import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateRows } from './generate.ts';
import { SCENARIOS } from './scenarios.ts';
import { csvText, QUIET_ROW, SWAPPED_ROW, tempDir, writeText } from './testing/activity-files.ts';
import { writeActivityCsv } from './write-activity-file.ts';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const COLUMNS = [
  'subscriber_id',
  'msisdn',
  'as_of',
  'last_sim_change_at',
  'device_id',
  'device_first_seen_at',
];

/** Runs the real CLI in its own process, in `cwd`; resolves with its exit code and output. */
function cli(
  args: string[],
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr });
    });
  });
}

let tmp = tempDir('batch-cli');
beforeEach(() => {
  tmp = tempDir('batch-cli');
});
afterEach(() => tmp.cleanup());

describe('npm run batch', () => {
  it('exits 0 when every row is scored, writing into ./batch-out by default', async () => {
    writeText(tmp.path('ok.csv'), csvText(COLUMNS, [SWAPPED_ROW, QUIET_ROW]));
    const { code, stdout, stderr } = await cli(['ok.csv'], tmp.dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^batch: 2 rows, 2 scored, 0 rejected \(0 errors\) in [\d.]+ s, \d+ rows\/s, policy batch, 1 thread; written to batch-out\n$/,
    );
    expect(readFileSync(tmp.path('batch-out/results.csv'), 'utf8')).toBe(
      'line,subscriber_id,score,level,rules,reasons\r\n' +
        '2,SUB-1,45,MEDIUM,DEVICE_CHANGE_AFTER_SIM_SWAP;SIM_SWAP_RECENT,New device; SIM changed 9 h ago | SIM changed 9 h ago\r\n' +
        '3,SUB-2,0,LOW,,\r\n',
    );
    expect(readFileSync(tmp.path('batch-out/errors.csv'), 'utf8')).toBe('line,column,message\r\n');
    const report = readFileSync(tmp.path('batch-out/report.html'), 'utf8');
    expect(report).toContain('SUB-1');
    expect(report).toContain('DEVICE_CHANGE_AFTER_SIM_SWAP');
  });

  it('prints detection metrics per scenario for a generated, labelled file', async () => {
    // The generator and the scorer end to end: 5,000 subscribers, every scenario present.
    await writeActivityCsv(generateRows({ users: 5_000, seed: 16 }), tmp.path('labelled.csv'));
    const { code, stdout, stderr } = await cli(['labelled.csv', '--out', 'out'], tmp.dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    for (const scenario of SCENARIOS) {
      expect(stdout).toMatch(new RegExp(`^  ${scenario.id} +\\d+ +\\d+ +[\\d.]+ %`, 'm'));
    }
    const overall = /overall: precision ([\d.]+) %, recall ([\d.]+) %/.exec(stdout);
    expect(overall).not.toBeNull();
    // The batch rule set separates the generated scenarios from legitimate lines, hard cases and
    // weak attack variants included: neither perfect nor near chance.
    const [precision, recall] = [Number(overall?.[1]), Number(overall?.[2])];
    expect(precision).toBeGreaterThan(85);
    expect(recall).toBeGreaterThan(85);
    expect(precision < 100 || recall < 100).toBe(true);
    expect(readFileSync(tmp.path('out/report.html'), 'utf8')).toContain('swap-otp-flood');
  });

  it('exits 1 when rows are rejected, with the others still scored and every error written', async () => {
    writeText(
      tmp.path('some-bad.csv'),
      csvText(COLUMNS, [
        QUIET_ROW,
        { ...QUIET_ROW, msisdn: '0821234567', as_of: '2026-13-01' },
        SWAPPED_ROW,
      ]),
    );
    const { code, stdout } = await cli(['some-bad.csv', '--out', 'o'], tmp.dir);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^batch: 3 rows, 2 scored, 1 rejected \(2 errors\)/);
    expect(
      readFileSync(tmp.path('o/results.csv'), 'utf8')
        .split('\r\n')
        .map((l) => l.split(',')[0]),
    ).toEqual(['line', '2', '4', '']);
    const errors = readFileSync(tmp.path('o/errors.csv'), 'utf8');
    expect(errors).toMatch(
      /^line,column,message\r\n3,msisdn,"must be a phone number in E\.164 form, such as \+27821234567"\r\n3,as_of,"""2026-13-01"" is not a date-time; accepted: /,
    );
    expect(errors).not.toContain('0821234567'); // no phone number echoed back
  });

  it('exits 2 with every problem listed when the file cannot be read, and writes nothing', async () => {
    writeText(tmp.path('cols.csv'), 'msisdn,when\n+27821234567,2026-12-05\n');
    const { code, stdout, stderr } = await cli(['cols.csv'], tmp.dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'batch: the file could not be scored:\n' +
        '  - cols.csv: missing required columns: subscriber_id, as_of\n' +
        `  - cols.csv: unknown column: when (known: ${[
          'subscriber_id',
          'msisdn',
          'as_of',
          'last_sim_change_at',
          'device_id',
          'device_first_seen_at',
          'lat',
          'lon',
          'previous_lat',
          'previous_lon',
          'previous_location_at',
          'failed_logins_24h',
          'cell_tower_changes_24h',
          'usual_cell_tower_changes_per_day',
          'data_mb_24h',
          'usual_data_mb_per_day',
          'calls_24h',
          'usual_calls_per_day',
          'sms_24h',
          'usual_sms_per_day',
          'roaming',
          'roaming_country',
          'label',
        ].join(', ')})\n`,
    );
    expect(existsSync(tmp.path('batch-out'))).toBe(false);
  });

  it('exits 2 on a bad policy file, a missing file and bad arguments; --help documents the exit codes', async () => {
    writeText(tmp.path('ok.csv'), csvText(COLUMNS, [QUIET_ROW]));
    writeText(tmp.path('policy.json'), '{"id": "x"');
    // Four processes at once: each spends most of its time loading modules.
    const [policy, missing, noFile, help] = await Promise.all([
      cli(['ok.csv', '--policy', 'policy.json'], tmp.dir),
      cli(['gone.csv'], tmp.dir),
      cli([], tmp.dir),
      cli(['--help'], tmp.dir),
    ]);
    expect([policy.code, policy.stderr]).toEqual([
      2,
      expect.stringMatching(/^batch: the policy policy\.json cannot be read: not JSON/) as string,
    ]);
    expect([missing.code, missing.stderr]).toEqual([
      2,
      expect.stringContaining('gone.csv cannot be read: no such file') as string,
    ]);
    expect([noFile.code, noFile.stderr]).toEqual([
      2,
      expect.stringMatching(/^batch: no file given\n\nUsage: /) as string,
    ]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(
      /Exit codes:\n {2}0 {2}every row was scored\n {2}1 {2}some rows were rejected/,
    );
  });
});

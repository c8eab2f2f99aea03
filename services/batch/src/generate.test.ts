import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLUMNS } from './columns.ts';
import { asOfForSeed, generateRows, type ActivityRow } from './generate.ts';
import { distanceKm } from './places.ts';
import { LEGITIMATE, SCENARIOS } from './scenarios.ts';
import { writeActivityCsv, writeActivityXlsx } from './write-activity-file.ts';

const HOUR = 3_600_000;
const USERS = 20_000;
const rows = [...generateRows({ users: USERS, seed: 16 })];
const asOf = asOfForSeed(16).getTime();

const ms = (cell: string): number => Date.parse(cell);
const num = (cell: string): number => Number(cell);
const swapAgeHours = (row: ActivityRow): number => (asOf - ms(row.last_sim_change_at)) / HOUR;
const withLabel = (label: string) => rows.filter((row) => row.label === label);
/** A handset first seen after the swap. */
const deviceAfterSwap = (row: ActivityRow): boolean =>
  row.device_first_seen_at !== '' && ms(row.device_first_seen_at) > ms(row.last_sim_change_at);

describe('generateRows', () => {
  it('writes every column of COLUMNS in every row, and one as_of from the seed', () => {
    const names = COLUMNS.map((c) => c.name).sort();
    for (const row of rows.slice(0, 100)) {
      expect(Object.keys(row).sort()).toEqual(names);
    }
    expect(new Set(rows.map((r) => r.as_of))).toEqual(
      new Set([new Date(asOf).toISOString().replace('.000Z', 'Z')]),
    );
    expect(asOfForSeed(17).getTime()).not.toBe(asOf);
    expect(new Set(rows.map((r) => r.subscriber_id)).size).toBe(USERS);
    expect(new Set(rows.map((r) => r.msisdn)).size).toBe(USERS);
    expect(rows.every((r) => /^\+27[6-9]\d{8}$/.test(r.msisdn))).toBe(true);
  });

  it('labels about 90 % legitimate and 2 % each of the five scenarios', () => {
    expect(withLabel(LEGITIMATE).length / USERS).toBeCloseTo(0.9, 1);
    for (const scenario of SCENARIOS) {
      const share = withLabel(scenario.id).length / USERS;
      expect(share, scenario.id).toBeGreaterThan(0.015);
      expect(share, scenario.id).toBeLessThan(0.025);
    }
    const labels = new Set<string>([LEGITIMATE, ...SCENARIOS.map((s) => s.id)]);
    expect(rows.every((r) => labels.has(r.label))).toBe(true);
  });

  it.each([
    ['swap-new-device', (r: ActivityRow) => swapAgeHours(r) < 48 && deviceAfterSwap(r)],
    [
      'swap-location-jump',
      (r: ActivityRow) =>
        swapAgeHours(r) < 72 &&
        distanceKm(
          { lat: num(r.lat), lon: num(r.lon) },
          { lat: num(r.previous_lat), lon: num(r.previous_lon) },
        ) > 100 &&
        (asOf - ms(r.previous_location_at)) / HOUR <= 12,
    ],
    [
      'swap-failed-logins',
      (r: ActivityRow) => swapAgeHours(r) < 72 && num(r.failed_logins_24h) >= 3,
    ],
    [
      'swap-roaming',
      (r: ActivityRow) =>
        swapAgeHours(r) < 72 &&
        r.roaming === 'true' &&
        /^[A-Z]{2}$/.test(r.roaming_country) &&
        r.roaming_country !== 'ZA',
    ],
    [
      'swap-otp-flood',
      (r: ActivityRow) =>
        swapAgeHours(r) < 72 &&
        num(r.sms_24h) >= 3 * num(r.usual_sms_per_day) &&
        num(r.sms_24h) >= 20 &&
        num(r.calls_24h) >= 1.5 * num(r.usual_calls_per_day),
    ],
  ])('every %s row has the scenario’s defining facts', (label, holds) => {
    const scenarioRows = withLabel(label);
    expect(scenarioRows.length).toBeGreaterThan(0);
    expect(scenarioRows.filter((r) => !holds(r))).toEqual([]);
  });

  it('varies the strength of attacks: not every row of a scenario hits every signal', () => {
    const flood = withLabel('swap-otp-flood');
    const weakCalls = flood.filter(
      (r) => num(r.calls_24h) < 3 * num(r.usual_calls_per_day) || num(r.calls_24h) < 20,
    );
    expect(weakCalls.length).toBeGreaterThan(0);
    expect(weakCalls.length).toBeLessThan(flood.length);
    expect(flood.some(deviceAfterSwap)).toBe(true);
    expect(flood.some((r) => !deviceAfterSwap(r))).toBe(true);
    // A handset first seen more than a day ago no longer counts as new to the rule set.
    const takeovers = withLabel('swap-new-device');
    expect(takeovers.some((r) => asOf - ms(r.device_first_seen_at) > 24 * HOUR)).toBe(true);
  });

  it('includes the legitimate hard cases: roaming travellers, recent SIM replacements, heavy data users', () => {
    const legitimate = withLabel(LEGITIMATE);
    const travellers = legitimate.filter((r) => r.roaming === 'true');
    const replacements = legitimate.filter(
      (r) => r.last_sim_change_at !== '' && swapAgeHours(r) < 72,
    );
    const quietReplacements = replacements.filter(
      (r) => !deviceAfterSwap(r) && r.roaming === 'false' && num(r.failed_logins_24h) < 3,
    );
    const heavyData = legitimate.filter(
      (r) => num(r.data_mb_24h) >= 3 * num(r.usual_data_mb_per_day) && num(r.data_mb_24h) >= 500,
    );
    for (const hardCase of [travellers, quietReplacements, heavyData]) {
      expect(hardCase.length / legitimate.length).toBeGreaterThan(0.01);
    }
    // Travellers roam without a swap; a few replacements come with a new phone (false positives).
    expect(travellers.every((r) => r.last_sim_change_at === '' || swapAgeHours(r) > 24 * 30)).toBe(
      true,
    );
    expect(replacements.some(deviceAfterSwap)).toBe(true);
    // Some cells are empty: not measured.
    expect(legitimate.some((r) => r.lat === '' && r.lon === '')).toBe(true);
    expect(legitimate.some((r) => r.device_first_seen_at === '')).toBe(true);
  });
});

describe('activity files', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sentinel-generate-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the same CSV, byte for byte, for the same seed, and another for another seed', async () => {
    const paths = ['a.csv', 'b.csv', 'c.csv'].map((name) => join(dir, name));
    await writeActivityCsv(generateRows({ users: 3000, seed: 42 }), paths[0] ?? '');
    await writeActivityCsv(generateRows({ users: 3000, seed: 42 }), paths[1] ?? '');
    await writeActivityCsv(generateRows({ users: 3000, seed: 43 }), paths[2] ?? '');
    const [a, b, c] = await Promise.all(paths.map((p) => readFile(p)));
    expect(a?.equals(b ?? Buffer.alloc(0))).toBe(true);
    expect(a?.equals(c ?? Buffer.alloc(0))).toBe(false);
    const lines = (a ?? Buffer.alloc(0)).toString('utf8').split('\n');
    expect(lines[0]).toBe(COLUMNS.map((col) => col.name).join(','));
    expect(lines).toHaveLength(3000 + 2); // header, rows, the final newline
  });

  it('writes an XLSX workbook with the same cells as the CSV', async () => {
    const path = join(dir, 'a.xlsx');
    const expected = [...generateRows({ users: 500, seed: 42 })];
    await writeActivityXlsx(expected, path, asOfForSeed(42));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.getWorksheet('activity');
    const names = COLUMNS.map((c) => c.name);
    const read: Record<string, string>[] = [];
    sheet?.eachRow((row, number) => {
      if (number === 1) {
        expect(names.map((_, i) => row.getCell(i + 1).value)).toEqual(names);
        return;
      }
      read.push(
        Object.fromEntries(
          names.map((name, i) => {
            const value = row.getCell(i + 1).value;
            // The generator writes only text and numbers; anything else would fail the comparison.
            return [
              name,
              typeof value === 'string' || typeof value === 'number' ? String(value) : '',
            ];
          }),
        ),
      );
    });
    // Counts and numbers are numeric cells: "27.8720" reads back as 27.872.
    const numeric = new Set<string>(
      COLUMNS.filter((c) => c.type === 'count' || c.type === 'number').map((c) => c.name),
    );
    const normalise = (row: Readonly<Record<string, string>>) =>
      Object.fromEntries(
        names.map((name) => {
          const cell = row[name] ?? '';
          return [name, numeric.has(name) && cell !== '' ? String(Number(cell)) : cell];
        }),
      );
    expect(read).toEqual(expected.map(normalise));
    expect(workbook.created.getTime()).toBe(asOfForSeed(42).getTime());
  });

  it('dates every zip entry of the XLSX with its creation time, never the wall clock', async () => {
    const path = join(dir, 'dated.xlsx');
    await writeActivityXlsx(
      generateRows({ users: 20, seed: 1 }),
      path,
      new Date('2001-02-03T04:05:06Z'),
    );
    const zip = await readFile(path);
    const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const entries = zip.readUInt16LE(eocd + 10);
    let offset = zip.readUInt32LE(eocd + 16);
    const stamps: string[] = [];
    for (let n = 0; n < entries; n++) {
      const local = zip.readUInt32LE(offset + 42);
      stamps.push(zip.subarray(offset + 12, offset + 16).toString('hex'));
      stamps.push(zip.subarray(local + 10, local + 14).toString('hex'));
      offset +=
        46 +
        zip.readUInt16LE(offset + 28) +
        zip.readUInt16LE(offset + 30) +
        zip.readUInt16LE(offset + 32);
    }
    // 04:05:06 → (4 << 11 | 5 << 5 | 3) = 0x20a3; 2001-02-03 → (21 << 9 | 2 << 5 | 3) = 0x2a43.
    expect(entries).toBeGreaterThan(5);
    expect(new Set(stamps)).toEqual(new Set(['a320432a']));
  });

  const cli = join(import.meta.dirname, 'generate-cli.ts');
  const run = promisify(execFile);

  it('npm run generate: writes the file its arguments ask for, relative to where it was typed', async () => {
    await run(process.execPath, [cli, '--users', '50', '--seed', '7', '--out', 'cli.csv'], {
      env: { ...process.env, INIT_CWD: dir },
    });
    const expected = join(dir, 'expected.csv');
    await writeActivityCsv(generateRows({ users: 50, seed: 7 }), expected);
    await expect(readFile(join(dir, 'cli.csv'), 'utf8')).resolves.toBe(
      await readFile(expected, 'utf8'),
    );
  });

  it.each([
    [['--users', '0', '--seed', '1'], '--users must be an integer from 1'],
    [['--users', '10'], '--seed must be an integer'],
    [['--users', '10', '--seed', '1', '--colour'], "Unknown option '--colour'"],
  ])('npm run generate %j: exit 2 and says why', async (args, message) => {
    const failed = await run(process.execPath, [cli, ...args], {
      env: { ...process.env, INIT_CWD: dir },
    }).then(
      () => null,
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toContain(message);
    expect(failed?.stderr).toContain('usage: npm run generate');
  });
});

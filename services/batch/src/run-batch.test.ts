import { existsSync, readFileSync } from 'node:fs';
import { BATCH_POLICY } from '@sentinel/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RowError, RowResult } from './batch-result.ts';
import type { ReportSink, RunMeta } from './report-sink.ts';
import { runBatch, type RunOptions } from './run-batch.ts';
import {
  csvText,
  QUIET_ROW,
  SWAPPED_ROW,
  tempDir,
  writeText,
  writeXlsx,
} from './testing/activity-files.ts';

const COLUMNS = [
  'subscriber_id',
  'msisdn',
  'as_of',
  'last_sim_change_at',
  'device_id',
  'device_first_seen_at',
];
let tmp = tempDir('batch-run');
beforeEach(() => {
  tmp = tempDir('batch-run');
});
afterEach(() => tmp.cleanup());

/** A sink that keeps what it is fed, to check that the run feeds it every row in file order. */
function recordingSink() {
  const fed = { results: [] as RowResult[], errors: [] as RowError[], meta: [] as RunMeta[] };
  const sink: ReportSink = {
    addResult: (r) => fed.results.push(r),
    addError: (e) => fed.errors.push(e),
    finish: (meta) => {
      fed.meta.push(meta);
      return Promise.resolve();
    },
  };
  return { sink, fed };
}

async function run(file: string, extra: Partial<RunOptions> = {}) {
  const { sink, fed } = recordingSink();
  let tick = 0;
  const result = await runBatch({
    file,
    outDir: tmp.path('out'),
    policy: BATCH_POLICY,
    workers: 1,
    sink: () => sink,
    clock: { monotonicMs: () => (tick += 5) },
    ...extra,
  });
  const read = (name: string) =>
    existsSync(tmp.path(`out/${name}`)) ? readFileSync(tmp.path(`out/${name}`), 'utf8') : undefined;
  return { result, fed, results: read('results.csv'), errors: read('errors.csv') };
}

describe('runBatch on CSV files', () => {
  it('scores every row and writes results.csv and errors.csv in file order', async () => {
    const file = writeText(
      tmp.path('a.csv'),
      csvText(COLUMNS, [SWAPPED_ROW, QUIET_ROW, { ...QUIET_ROW, as_of: 'soon' }]),
    );
    const { result, fed, results, errors } = await run(file);
    expect(result.meta).toMatchObject({
      rows: 3,
      scored: 2,
      rejected: 1,
      errors: 1,
      policyId: 'batch',
    });
    expect(results).toBe(
      'line,subscriber_id,score,level,rules,reasons\r\n' +
        '2,SUB-1,45,MEDIUM,DEVICE_CHANGE_AFTER_SIM_SWAP;SIM_SWAP_RECENT,New device; SIM changed 9 h ago | SIM changed 9 h ago\r\n' +
        '3,SUB-2,0,LOW,,\r\n',
    );
    expect(errors).toMatch(
      /^line,column,message\r\n4,as_of,"""soon"" is not a date-time; accepted: ISO 8601/,
    );
    expect(fed.results.map((r) => r.line)).toEqual([2, 3]);
    expect(fed.errors).toHaveLength(1);
    expect(fed.meta).toHaveLength(1);
  });

  it('reads a UTF-8 BOM and CRLF line ends', async () => {
    const file = writeText(
      tmp.path('bom.csv'),
      '\uFEFF' + csvText(COLUMNS, [SWAPPED_ROW, QUIET_ROW], '\r\n'),
    );
    const { result, fed } = await run(file);
    expect(result.meta?.scored).toBe(2);
    expect(fed.results.map((r) => [r.line, r.subscriberId, r.score])).toEqual([
      [2, 'SUB-1', 45],
      [3, 'SUB-2', 0],
    ]);
  });

  it('keeps a multi-byte character whole when it falls between two reads', async () => {
    // The file is read 64 KiB at a time: shift the text until byte 65,536 is the second byte of
    // a two-byte ë, so the first read ends inside it.
    const build = (pad: string) =>
      csvText(
        COLUMNS,
        Array.from({ length: 1500 }, (_, i) => ({
          ...QUIET_ROW,
          subscriber_id: `${i === 0 ? pad : ''}${'ë'.repeat(30)}${i}`,
        })),
      );
    const split = (text: string) => ((Buffer.from(text)[65_536] ?? 0) & 0xc0) === 0x80;
    const text = split(build('')) ? build('') : build('x');
    expect(split(text)).toBe(true);
    const { fed } = await run(writeText(tmp.path('utf8.csv'), text));
    expect(fed.results).toHaveLength(1500);
    expect(
      fed.results.every((r) => r.subscriberId.replace(/^x/, '').startsWith('ë'.repeat(30))),
    ).toBe(true);
  });

  it('keeps line numbers right after quoted line breaks and empty lines', async () => {
    const text =
      'subscriber_id,msisdn,as_of,device_id\r\n' +
      '"SUB\r\n-A",+27821234567,2026-12-05T18:00:00Z,"dev,\nwith ""quotes"""\r\n' + // lines 2–4
      '\r\n' + // line 5: empty
      'SUB-B,+27821234568,not a date,\r\n' + // line 6
      'SUB-C,+27821234569,2026-12-05T18:00:00Z,\r\n'; // line 7
    const { fed } = await run(writeText(tmp.path('quoted.csv'), text));
    expect(fed.results.map((r) => [r.line, r.subscriberId])).toEqual([
      [2, 'SUB\r\n-A'],
      [7, 'SUB-C'],
    ]);
    expect(fed.errors.map((e) => [e.line, e.column])).toEqual([[6, 'as_of']]);
  });

  it('reads a 1 MB line (and reports its oversized cell without echoing it)', async () => {
    const huge = 'x'.repeat(1 << 20);
    const file = writeText(
      tmp.path('long.csv'),
      csvText(COLUMNS, [SWAPPED_ROW, { ...QUIET_ROW, device_id: huge }, QUIET_ROW]),
    );
    const { fed, errors } = await run(file);
    expect(fed.results.map((r) => r.line)).toEqual([2, 4]);
    expect(fed.errors).toEqual([
      { line: 3, column: 'device_id', message: 'is longer than 128 characters' },
    ]);
    expect(errors?.length).toBeLessThan(200);
  });

  it('rejects ragged rows (too few or too many cells) and scores the rest', async () => {
    const text =
      'subscriber_id,msisdn,as_of\n' +
      'SUB-1,+27821234567\n' +
      'SUB-2,+27821234567,2026-12-05T18:00:00Z,surprise\n' +
      'SUB-3,+27821234567,2026-12-05T18:00:00Z\n';
    const { fed, result } = await run(writeText(tmp.path('ragged.csv'), text));
    expect(fed.errors).toEqual([
      { line: 2, column: null, message: 'the row has 2 cells, the header 3' },
      {
        line: 3,
        column: null,
        message: 'the row has 4 cells, the header 3: a value past the last column',
      },
    ]);
    expect(fed.results.map((r) => r.line)).toEqual([4]);
    expect(result.meta?.rejected).toBe(2);
  });

  it('lists missing and unknown columns before scoring anything, and writes nothing', async () => {
    const file = writeText(
      tmp.path('cols.csv'),
      'subscriber_id,phone,swap\nSUB-1,+27821234567,x\n',
    );
    const { result, results } = await run(file);
    expect(result.problems).toEqual([
      expect.stringMatching(/cols\.csv: missing required columns: msisdn, as_of$/) as string,
      expect.stringMatching(/cols\.csv: unknown columns: phone, swap \(known: /) as string,
    ]);
    expect(results).toBeUndefined();
    expect(existsSync(tmp.path('out'))).toBe(false);
  });

  it('refuses a .csv that is a ZIP archive and an .xlsx that is text', async () => {
    const zip = tmp.path('book.xlsx');
    await writeXlsx(zip, [{ name: 'Sheet1', rows: [COLUMNS] }]);
    const csvNamed = writeText(tmp.path('really-a-workbook.csv'), readFileSync(zip));
    const xlsxNamed = writeText(tmp.path('really-text.xlsx'), csvText(COLUMNS, [QUIET_ROW]));
    expect((await run(csvNamed)).result.problems).toEqual([
      expect.stringMatching(
        /really-a-workbook\.csv is named \.csv but is a ZIP archive \(an XLSX workbook\?\); rename it to \.xlsx$/,
      ) as string,
    ]);
    expect((await run(xlsxNamed)).result.problems).toEqual([
      expect.stringMatching(
        /really-text\.xlsx is named \.xlsx but is text, perhaps a CSV file; rename it to \.csv$/,
      ) as string,
    ]);
    expect(existsSync(tmp.path('out'))).toBe(false);
  });

  it('refuses a missing file, another extension and a bad policy', async () => {
    expect((await run(tmp.path('nope.csv'))).result.problems).toEqual([
      expect.stringMatching(/nope\.csv cannot be read: no such file$/) as string,
    ]);
    const txt = writeText(tmp.path('a.txt'), 'x');
    expect((await run(txt)).result.problems?.[0]).toMatch(
      /batch reads \.csv and \.xlsx files, not "\.txt"/,
    );
    const file = writeText(tmp.path('ok.csv'), csvText(COLUMNS, [QUIET_ROW]));
    const bad = await run(file, { policy: { ...BATCH_POLICY, levels: { mediumFrom: 'x' } } });
    expect(bad.result.problems?.[0]).toMatch(/^policy: levels/);
  });
});

describe('runBatch on XLSX workbooks', () => {
  const asOf = new Date('2026-12-05T18:00:00Z');
  const sheets = [
    { name: 'Notes', rows: [['this sheet is not data']] },
    {
      name: 'Activity',
      rows: [
        ['Subscriber_ID', 'MSISDN', 'as_of', 'last_sim_change_at', 'failed_logins_24h', 'roaming'],
        ['SUB-1', '+27821234567', asOf, new Date('2026-12-05T09:00:00Z'), 4, true],
        ['SUB-2', '+27821234568', '05/12/2026 18:00', null, 'lots'],
        ['SUB-3', '+27821234569', asOf],
      ],
    },
  ];

  it('reads the sheet --sheet names, with date, number and boolean cells', async () => {
    const file = await writeXlsx(tmp.path('book.xlsx'), sheets);
    const { fed, result } = await run(file, { sheet: 'Activity' });
    expect(
      fed.results.map((r) => [r.line, r.subscriberId, r.score, r.rules.map((x) => x.code)]),
    ).toEqual([
      // No device_id column: the handset was not measured, so no device change is claimed.
      [2, 'SUB-1', 55, ['ROAMING_AFTER_SIM_SWAP', 'SIM_SWAP_RECENT', 'FAILED_LOGINS']],
      [4, 'SUB-3', 0, []],
    ]);
    expect(fed.errors).toEqual([
      {
        line: 3,
        column: 'failed_logins_24h',
        message: expect.stringMatching(/^"lots" is not a count/) as string,
      },
    ]);
    expect(result.meta?.rows).toBe(3);
  });

  it('reads the first sheet by default, and lists the sheets when --sheet names none', async () => {
    const file = await writeXlsx(tmp.path('book.xlsx'), sheets);
    expect((await run(file)).result.problems?.[0]).toMatch(
      /missing required columns: subscriber_id, msisdn, as_of/,
    );
    expect((await run(file, { sheet: 'Sheet9' })).result.problems).toEqual([
      expect.stringMatching(
        /book\.xlsx: the workbook has no sheet named "Sheet9"; its sheets: "Notes", "Activity"$/,
      ) as string,
    ]);
  });
});

describe('runBatch with a worker pool', () => {
  it('writes results in file order whichever worker finishes first', async () => {
    // 9,000 rows: five batches over two workers, with rows of varying work and some rejected.
    const rows = Array.from({ length: 9000 }, (_, i) =>
      i % 7 === 0
        ? { ...QUIET_ROW, subscriber_id: `S${i}`, as_of: 'bad' }
        : { ...(i % 3 === 0 ? SWAPPED_ROW : QUIET_ROW), subscriber_id: `S${i}` },
    );
    const file = writeText(tmp.path('many.csv'), csvText(COLUMNS, rows));
    const pooled = await run(file, { workers: 2, outDir: tmp.path('pool') });
    await run(file, { workers: 1, outDir: tmp.path('inline') });
    expect(pooled.result.meta?.workers).toBe(2);
    const lines = pooled.fed.results.map((r) => r.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(lines).toHaveLength(9000 - Math.ceil(9000 / 7));
    expect(readFileSync(tmp.path('pool/results.csv'), 'utf8')).toBe(
      readFileSync(tmp.path('inline/results.csv'), 'utf8'),
    );
    expect(readFileSync(tmp.path('pool/errors.csv'), 'utf8')).toBe(
      readFileSync(tmp.path('inline/errors.csv'), 'utf8'),
    );
  });
});

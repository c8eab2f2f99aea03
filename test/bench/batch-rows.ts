// A minimal activity-file generator for the batch benchmark only: deterministic rows with every
// column filled, about one in eight a SIM swap with a new device, one in ten roaming. The real
// generator with labelled scenarios is `npm run generate` (batch-report); this one only needs to
// be fast and to exercise every cell parser and rule.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { COLUMNS } from '@sentinel/batch';

export const BENCH_COLUMNS: readonly string[] = COLUMNS.map((c) => c.name);

/** The cells of row `i` (0-based), in BENCH_COLUMNS order. */
export function benchRow(i: number): (string | number | boolean)[] {
  const swapped = i % 8 === 0;
  const roaming = i % 10 === 0;
  return [
    `SUB-${String(i).padStart(8, '0')}`,
    `+2782${String(1_000_000 + (i % 8_999_999)).padStart(7, '0')}`,
    '2026-12-05T18:00:00Z',
    swapped ? '2026-12-05 09:30' : i % 3 === 0 ? '14/03/2025' : '',
    `dev-${(i * 7919) % 1_000_003}`,
    swapped ? '2026-12-05T11:00:00Z' : '2025-06-01',
    (-26.2 + (i % 100) / 100).toFixed(4),
    (28.04 + (i % 50) / 100).toFixed(4),
    i % 5 === 0 ? '-33.9249' : '',
    i % 5 === 0 ? '18.4241' : '',
    i % 5 === 0 ? '2026-12-05T08:00:00Z' : '',
    i % 11,
    i % 40,
    6,
    (i * 37) % 3000,
    350,
    i % 30,
    12,
    i % 90,
    4,
    roaming ? 'true' : 'false',
    roaming ? 'MZ' : '',
    swapped ? 'swap-new-device' : 'legitimate',
  ];
}

/** Writes at least `minBytes` (or `rows` rows) of CSV with backpressure; returns the row count. */
export async function writeBenchCsv(
  path: string,
  size: { rows: number } | { minBytes: number },
): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  let rows = 0;
  const more = () => ('rows' in size ? rows < size.rows : bytes < size.minBytes);
  let chunk = BENCH_COLUMNS.join(',') + '\n';
  while (more()) {
    const line = benchRow(rows).join(',') + '\n';
    chunk += line;
    bytes += line.length;
    rows++;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) {
        await once(out, 'drain');
      }
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return rows;
}

/** The same rows as XLSX cells: numbers as numbers, as_of as a date cell. */
export function* benchXlsxRows(rows: number): Generator<unknown[]> {
  yield [...BENCH_COLUMNS];
  const asOf = new Date('2026-12-05T18:00:00Z');
  for (let i = 0; i < rows; i++) {
    const cells: unknown[] = benchRow(i);
    cells[2] = asOf;
    yield cells;
  }
}

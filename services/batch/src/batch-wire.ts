import type { RawRecord } from './raw-record.ts';
import type { ScoredBatch } from './score-batch.ts';

// Batches cross to a worker and back as one string each way where they can: a string is copied
// whole, while the structured clone of thousands of small arrays and objects walks every one
// (measured: about a quarter of the pool's time went to cloning).
const CELL = '\u001f'; // ASCII unit separator
const RECORD = '\u001e'; // ASCII record separator

/** A batch of records on its way to a worker. */
export type WireRecords =
  | { readonly lines: Int32Array; readonly text: string }
  | { readonly records: readonly RawRecord[] };

/** Packs records as one string when every cell is text without a separator (a CSV, in practice). */
export function packRecords(records: readonly RawRecord[]): WireRecords {
  const lines = new Int32Array(records.length);
  const parts: string[] = new Array<string>(records.length);
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as RawRecord;
    for (const cell of record.cells) {
      if (typeof cell !== 'string' || cell.includes(CELL) || cell.includes(RECORD)) {
        return { records };
      }
    }
    lines[i] = record.line;
    parts[i] = record.cells.join(CELL);
  }
  return { lines, text: parts.join(RECORD) };
}

export function unpackRecords(wire: WireRecords): RawRecord[] {
  if ('records' in wire) {
    return [...wire.records];
  }
  const texts = wire.lines.length === 0 ? [] : wire.text.split(RECORD);
  return texts.map((text, i) => ({
    line: wire.lines[i] as number,
    cells: text.split(CELL),
  }));
}

/** A scored batch on its way back: JSON, which the main thread parses faster than a clone. */
export function packScored(batch: ScoredBatch): string {
  return JSON.stringify(batch);
}

export function unpackScored(json: string): ScoredBatch {
  return JSON.parse(json) as ScoredBatch;
}

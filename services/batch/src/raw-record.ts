import type { Cell } from './cell.ts';

/** One record as read from the file, before validation: where it starts and its cells. */
export interface RawRecord {
  /** The CSV line the record starts on (1 = the header), or the worksheet's row number. */
  readonly line: number;
  readonly cells: readonly Cell[];
}

/**
 * A file opened for reading: its records in file order, the header first, in runs as the reader
 * meets them (a run per chunk read, so nothing awaits per record), and how far it is.
 */
export interface RecordSource {
  readonly records: AsyncIterable<readonly RawRecord[]>;
  /** Bytes of the file read so far, for the progress bar's ETA. */
  bytesRead(): number;
  readonly totalBytes: number;
  /** XLSX leaves trailing empty cells out of a row; in CSV a short record is a broken one. */
  readonly shortRowsAllowed: boolean;
}

/** The file cannot be read at all (exit code 2): the message says why, in the analyst's words. */
export class UnreadableFileError extends Error {
  readonly code = 'BATCH.UNREADABLE_FILE';
}

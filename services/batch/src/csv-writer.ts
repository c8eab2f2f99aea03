import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field, RFC 4180: quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string | number): string {
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record with its CRLF terminator (RFC 4180). */
export function csvRecord(fields: readonly (string | number)[]): string {
  return fields.map(csvField).join(',') + '\r\n';
}

/** A CSV file written with backpressure: `write` waits while the disk is behind. */
export interface CsvFile {
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

export async function createCsvFile(path: string, header: readonly string[]): Promise<CsvFile> {
  const stream: WriteStream = createWriteStream(path);
  await once(stream, 'open');
  const write = async (text: string) => {
    if (text !== '' && !stream.write(text)) {
      await once(stream, 'drain');
    }
  };
  await write(csvRecord(header));
  return {
    write,
    close: () =>
      new Promise<void>((resolve, reject) => {
        stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
      }),
  };
}

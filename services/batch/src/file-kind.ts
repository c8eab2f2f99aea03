import { open } from 'node:fs/promises';
import { extname } from 'node:path';

export type FileKind = 'csv' | 'xlsx';

export type FileKindResult =
  | { readonly ok: true; readonly kind: FileKind; readonly problem?: never }
  | { readonly ok: false; readonly problem: string; readonly kind?: never };

const PROBE_BYTES = 8192;
const ZIP = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4: every XLSX is a ZIP archive
const OLE = [0xd0, 0xcf, 0x11, 0xe0]; // Excel 97–2003 .xls (and other Office binaries)

/**
 * What the file really is, from its extension and its first bytes: an .xlsx must be a ZIP
 * archive, a .csv must be text (no NUL bytes, not a ZIP, not UTF-16). A mismatch or an
 * unreadable file is reported before anything is written.
 */
export async function detectFileKind(path: string): Promise<FileKindResult> {
  const ext = extname(path).toLowerCase();
  if (ext !== '.csv' && ext !== '.xlsx') {
    return {
      ok: false,
      problem: `${path}: batch reads .csv and .xlsx files, not "${ext || 'no extension'}"`,
    };
  }
  let head: Buffer;
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(PROBE_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, PROBE_BYTES, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'a directory, not a file'
          : String(code ?? error);
    return { ok: false, problem: `${path} cannot be read: ${why}` };
  }
  const isZip = startsWith(head, ZIP);
  if (ext === '.xlsx') {
    if (isZip) {
      return { ok: true, kind: 'xlsx' };
    }
    const what = startsWith(head, OLE)
      ? 'an Excel 97–2003 workbook (.xls); save it as .xlsx or .csv'
      : looksLikeText(head)
        ? 'text, perhaps a CSV file; rename it to .csv'
        : 'not an XLSX workbook (an XLSX file is a ZIP archive)';
    return { ok: false, problem: `${path} is named .xlsx but is ${what}` };
  }
  if (isZip) {
    return {
      ok: false,
      problem: `${path} is named .csv but is a ZIP archive (an XLSX workbook?); rename it to .xlsx`,
    };
  }
  if (head[0] === 0xff && head[1] === 0xfe) {
    return { ok: false, problem: `${path} is UTF-16 text; save it as CSV UTF-8` };
  }
  if (!looksLikeText(head)) {
    return { ok: false, problem: `${path} is named .csv but is not text (it holds binary data)` };
  }
  return { ok: true, kind: 'csv' };
}

function startsWith(head: Buffer, magic: readonly number[]): boolean {
  return magic.every((byte, i) => head[i] === byte);
}

function looksLikeText(head: Buffer): boolean {
  return !head.includes(0);
}

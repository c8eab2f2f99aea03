import { open } from 'node:fs/promises';

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
/** The end-of-central-directory record: 22 bytes and a comment of up to 65,535. */
const EOCD_MAX = 22 + 0xffff;

/** A date as MS-DOS time and date words (UTC, two-second resolution), as zip headers hold it. */
function dosDateTime(at: Date): { time: number; date: number } {
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1),
    date: ((at.getUTCFullYear() - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}

/**
 * Sets the modification time of every entry of a zip file (in its local header and in the central
 * directory) to `at`, in place, reading only the directory and writing four bytes per header: the
 * file can be any size. A zip it cannot read (zip64, say) is left as it is.
 */
export async function setZipEntryTimes(path: string, at: Date): Promise<void> {
  const file = await open(path, 'r+');
  try {
    const { size } = await file.stat();
    const tailLength = Math.min(size, EOCD_MAX);
    const tail = Buffer.alloc(tailLength);
    await file.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
        eocd = i;
        break;
      }
    }
    if (eocd === -1) {
      return;
    }
    const entries = tail.readUInt16LE(eocd + 10);
    const directorySize = tail.readUInt32LE(eocd + 12);
    const directoryOffset = tail.readUInt32LE(eocd + 16);
    if (entries === 0xffff || directoryOffset === 0xffffffff) {
      return; // zip64: not written by a workbook of this size, and not worth a second parser
    }
    const directory = Buffer.alloc(directorySize);
    await file.read(directory, 0, directorySize, directoryOffset);
    const { time, date } = dosDateTime(at);
    const stamp = Buffer.alloc(4);
    stamp.writeUInt16LE(time, 0);
    stamp.writeUInt16LE(date, 2);
    const local = Buffer.alloc(4);
    let offset = 0;
    for (let n = 0; n < entries && directory.readUInt32LE(offset) === CENTRAL_SIGNATURE; n++) {
      stamp.copy(directory, offset + 12);
      const localOffset = directory.readUInt32LE(offset + 42);
      await file.read(local, 0, 4, localOffset);
      if (local.readUInt32LE(0) === LOCAL_SIGNATURE) {
        await file.write(stamp, 0, 4, localOffset + 10);
      }
      offset +=
        46 +
        directory.readUInt16LE(offset + 28) +
        directory.readUInt16LE(offset + 30) +
        directory.readUInt16LE(offset + 32);
    }
    await file.write(directory, 0, directorySize, directoryOffset);
  } finally {
    await file.close();
  }
}

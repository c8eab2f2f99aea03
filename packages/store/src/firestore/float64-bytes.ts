/**
 * Numbers as Firestore bytes: IEEE 754 doubles, little-endian, 8 bytes each. Exact (every double
 * round-trips bit for bit), compact (a 55 × 55 precision matrix is 24 KB), one index entry
 * instead of one per number, and no nested arrays (which Firestore does not allow).
 */
export function toFloat64Bytes(values: readonly number[]): Buffer {
  const bytes = Buffer.allocUnsafe(values.length * 8);
  values.forEach((v, i) => bytes.writeDoubleLE(v, i * 8));
  return bytes;
}

/** The doubles in `bytes`; throws a RangeError when its length is not a multiple of 8. */
export function fromFloat64Bytes(bytes: Uint8Array): number[] {
  if (bytes.byteLength % 8 !== 0) {
    throw new RangeError(`${bytes.byteLength} bytes are not a whole number of doubles`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Array<number>(bytes.byteLength / 8);
  for (let i = 0; i < values.length; i++) {
    values[i] = view.getFloat64(i * 8, true);
  }
  return values;
}

/** `rows` consecutive rows of `width` values each from a flat list. */
export function toRows(flat: readonly number[], width: number): number[][] {
  const rows: number[][] = [];
  for (let start = 0; start < flat.length; start += width) {
    rows.push(flat.slice(start, start + width));
  }
  return rows;
}

import { randomFillSync } from 'node:crypto';

/** Time source of the service (the engine gets time only as an argument). */
export interface Clock {
  now(): Date;
  /** Monotonic milliseconds for measuring durations. */
  monotonicMs(): number;
}

export const systemClock: Clock = {
  now: () => new Date(),
  monotonicMs: () => performance.now(),
};

/** Makes time-ordered ids for decisions and escrows. */
export type IdGenerator = (at: Date) => string;

const pool = new Uint8Array(16 * 256);
let poolOffset = pool.length;

function random10(): Uint8Array {
  if (poolOffset + 10 > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + 10);
  poolOffset += 10;
  return bytes;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * UUIDv7 (RFC 9562 §5.7): 48-bit Unix milliseconds, version 7, 74 random bits, variant 10.
 * Sorts by creation time, so decision ids double as a time index.
 */
export const uuidv7: IdGenerator = (at) => {
  const ms = at.getTime();
  const rand = random10();
  const b = new Uint8Array(16);
  b[0] = Math.floor(ms / 2 ** 40) & 0xff;
  b[1] = Math.floor(ms / 2 ** 32) & 0xff;
  b[2] = (ms >>> 24) & 0xff;
  b[3] = (ms >>> 16) & 0xff;
  b[4] = (ms >>> 8) & 0xff;
  b[5] = ms & 0xff;
  b.set(rand, 6);
  b[6] = 0x70 | ((b[6] ?? 0) & 0x0f);
  b[8] = 0x80 | ((b[8] ?? 0) & 0x3f);
  const h = Array.from(b, (byte) => HEX[byte] ?? '00');
  return `${h.slice(0, 4).join('')}-${h.slice(4, 6).join('')}-${h.slice(6, 8).join('')}-${h
    .slice(8, 10)
    .join('')}-${h.slice(10).join('')}`;
};

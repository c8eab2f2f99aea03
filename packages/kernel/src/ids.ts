import { randomFillSync } from 'node:crypto';

/** Makes time-ordered ids for decisions and escrows. */
export type IdGenerator = (at: Date) => string;

// Random bytes drawn in bulk: one randomFillSync per 4 KiB instead of one per id.
const pool = new Uint8Array(4096);
let poolOffset = pool.length;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The offset of `bytes` fresh random bytes in the pool. */
function takeRandom(bytes: number): number {
  if (poolOffset + bytes > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const at = poolOffset;
  poolOffset += bytes;
  return at;
}

function randomHex(bytes: number): string {
  const at = takeRandom(bytes);
  let hex = '';
  for (let i = 0; i < bytes; i++) {
    hex += HEX[pool[at + i] ?? 0] ?? '00';
  }
  return hex;
}

// The counter of RFC 9562 §6.2 method 1: the 12 bits of rand_a, the 2 bits after the variant and
// the next 12, seeded at random in each new millisecond and counted up within it.
const COUNTER_BITS = 26;
const COUNTER_MASK = 2 ** COUNTER_BITS - 1;
let lastAtMs = Number.NaN;
let stampedMs = 0;
let counter = 0;

function randomCounter(): number {
  const at = takeRandom(4);
  const word = ((pool[at] ?? 0) << 24) | ((pool[at + 1] ?? 0) << 16) | ((pool[at + 2] ?? 0) << 8);
  return ((word | (pool[at + 3] ?? 0)) >>> 0) & COUNTER_MASK;
}

const hex3 = (n: number): string => n.toString(16).padStart(3, '0');

// Ours, not uuid's v7 (uuid 14): v7({ msecs }) takes the injected time but is not monotonic within
// a millisecond (only v7() is, on its own Date.now()), and it costs 1.5 µs an id against our
// 0.33 µs (crypto.getRandomValues per id; test/bench/plumbing-bench.ts, docs/performance.md).
/**
 * UUIDv7 (RFC 9562 §5.7): 48-bit Unix milliseconds, version 7, a 26-bit counter, 48 random bits,
 * variant 10. Sorts by creation time, so decision ids double as a time index: ids made for the same
 * millisecond count up from a random start, so they sort in the order they were made too (within
 * this process). Should 2^26 ids share a millisecond, the stamp runs one millisecond ahead, as
 * RFC 9562 §6.2 allows. Time that steps back starts afresh at the earlier time.
 */
export const uuidv7: IdGenerator = (at) => {
  const ms = at.getTime();
  if (ms === lastAtMs) {
    counter = (counter + 1) & COUNTER_MASK;
    if (counter === 0) {
      stampedMs++;
    }
  } else {
    lastAtMs = ms;
    stampedMs = ms;
    counter = randomCounter();
  }
  const time = stampedMs.toString(16).padStart(12, '0').slice(-12);
  const variant = (0x8 | ((counter >>> 12) & 0x3)).toString(16);
  return (
    `${time.slice(0, 8)}-${time.slice(8)}-7${hex3(counter >>> 14)}-` +
    `${variant}${hex3(counter & 0xfff)}-${randomHex(6)}`
  );
};

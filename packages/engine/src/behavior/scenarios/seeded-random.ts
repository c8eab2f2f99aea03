/** A reproducible source of uniform numbers on [0, 1): the engine may not use Math.random. */
export type Random = () => number;

/**
 * mulberry32 (T. Ettinger, public domain): a 32-bit state, period 2³², passes PractRand to 2³²
 * outputs — ample for simulated sessions, never for secrets.
 */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A seed for sub-stream `stream` of `seed` (murmur3's 32-bit finaliser over both): neighbouring
 * seeds and streams give unrelated sequences, so one part of a simulation (say, the SIM swap age)
 * can change without shifting the draws of another (the sessions).
 */
export function deriveSeed(seed: number, stream: number): number {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(stream >>> 0, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A standard normal draw (Box–Muller; 1 − u keeps the logarithm finite). */
export function standardNormal(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Uniform on [min, max). */
export function uniform(random: Random, min: number, max: number): number {
  return min + (max - min) * random();
}

/** A uniform pick from a non-empty list. */
export function pick<T>(random: Random, values: readonly T[]): T {
  if (values.length === 0) {
    throw new RangeError('pick needs at least one value');
  }
  return values[Math.floor(random() * values.length)] as T;
}

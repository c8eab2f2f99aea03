import { describe, expect, it } from 'vitest';
import { FakeClock } from './fake-clock.ts';
import { createKeyedTokenBuckets, createTokenBucket } from './token-bucket.ts';

/** A bucket on a fake clock whose one pending timer the test fires by hand. */
function setUp(ratePerSecond: number, burst?: number) {
  const clock = new FakeClock();
  const timers: { fn: () => void; ms: number; cancelled: boolean }[] = [];
  const bucket = createTokenBucket({
    ratePerSecond,
    clock,
    ...(burst === undefined ? {} : { burst }),
    schedule: (fn, ms) => {
      const timer = { fn, ms, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
  });
  const granted: number[] = [];
  const take = (signal?: AbortSignal) =>
    bucket.take(signal).then((ok) => {
      if (ok) {
        granted.push(clock.monotonicMs());
      }
      return ok;
    });
  /** Lets the pending timer fire after `lateMs` more than it asked for. */
  const fire = async (lateMs = 0) => {
    const timer = timers.at(-1);
    if (timer === undefined || timer.cancelled) {
      throw new Error('no pending timer');
    }
    timer.cancelled = true;
    clock.advance(timer.ms + lateMs);
    timer.fn();
    await Promise.resolve();
  };
  return { clock, timers, bucket, take, granted, fire };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('createTokenBucket', () => {
  it('starts empty: the first caller waits one interval', async () => {
    const { take, timers, fire, granted } = setUp(5);
    const pending = take();
    expect(timers.map((t) => t.ms)).toEqual([200]);
    await fire();
    expect(await pending).toBe(true);
    expect(granted).toEqual([200]);
  });

  it('serves concurrent callers in order, one interval apart, with one timer at a time', async () => {
    const { take, timers, fire, granted } = setUp(5);
    const all = Promise.all(Array.from({ length: 5 }, () => take()));
    for (let i = 0; i < 5; i++) {
      expect(timers.filter((t) => !t.cancelled)).toHaveLength(1);
      await fire();
    }
    expect(await all).toEqual([true, true, true, true, true]);
    expect(granted).toEqual([200, 400, 600, 800, 1000]);
  });

  it('a late timer delays callers but never lets them bunch', async () => {
    const { take, fire, granted } = setUp(10);
    const all = Promise.all(Array.from({ length: 3 }, () => take()));
    await fire(250); // the event loop was busy for 250 ms
    await fire();
    await fire();
    await all;
    // burst 1: one token had piled up, the others follow at the rate
    expect(granted).toEqual([350, 450, 550]);
  });

  it('an idle bucket fills up to `burst`, no further', async () => {
    const { take, clock, granted, fire } = setUp(5, 3);
    clock.advance(60_000);
    const all = Promise.all(Array.from({ length: 4 }, () => take()));
    await settle();
    expect(granted).toEqual([60_000, 60_000, 60_000]);
    await fire();
    await all;
    expect(granted).toEqual([60_000, 60_000, 60_000, 60_200]);
  });

  it('answers false when aborted while waiting, and the next caller keeps its place', async () => {
    const { take, fire, granted } = setUp(1);
    const controller = new AbortController();
    const first = take(controller.signal);
    const second = take();
    controller.abort();
    expect(await first).toBe(false);
    await fire();
    expect(await second).toBe(true);
    expect(granted).toEqual([1_000]);
    expect(await take(controller.signal)).toBe(false);
  });

  it.each([
    [{ ratePerSecond: 0 }],
    [{ ratePerSecond: Infinity }],
    [{ ratePerSecond: 1, burst: 0 }],
    [{ ratePerSecond: 1, burst: 1.5 }],
  ])('rejects %j', (opts) => {
    expect(() => createTokenBucket({ ...opts, clock: new FakeClock() })).toThrow(RangeError);
  });
});

describe('createKeyedTokenBuckets', () => {
  const setUp = (ratePerSecond: number, burst: number, maxKeys?: number) => {
    const clock = new FakeClock();
    const buckets = createKeyedTokenBuckets({
      ratePerSecond,
      burst,
      clock,
      ...(maxKeys === undefined ? {} : { maxKeys }),
    });
    /** How many of `n` calls at this instant are admitted. */
    const admitted = (key: string, n: number) =>
      Array.from({ length: n }, () => buckets.tryTake(key)).filter((a) => a.ok).length;
    return { clock, buckets, admitted };
  };

  it('starts full: `burst` calls at once, then refuses with the wait for the next token', () => {
    const { buckets, admitted } = setUp(2, 5);
    expect(admitted('bank', 5)).toBe(5);
    expect(buckets.tryTake('bank')).toEqual({ ok: false, retryAfterMs: 500 });
  });

  it('refills at the rate as the clock moves, never past `burst`', () => {
    const { buckets, admitted, clock } = setUp(2, 5);
    admitted('bank', 5);
    clock.advance(499);
    expect(buckets.tryTake('bank')).toEqual({ ok: false, retryAfterMs: 1 });
    clock.advance(1);
    expect(admitted('bank', 3)).toBe(1);
    clock.advance(1_250); // 2.5 tokens
    expect(admitted('bank', 5)).toBe(2);
    expect(buckets.tryTake('bank')).toEqual({ ok: false, retryAfterMs: 250 });
    clock.advance(3_600_000);
    expect(admitted('bank', 10)).toBe(5);
  });

  it("one key's exhaustion leaves another's budget whole", () => {
    const { admitted } = setUp(1, 3);
    expect(admitted('bank', 10)).toBe(3);
    expect(admitted('other', 10)).toBe(3);
    expect(admitted('bank', 1)).toBe(0);
  });

  it('admits at most burst + rate × elapsed over any stretch', () => {
    const { admitted, clock } = setUp(10, 4);
    let total = 0;
    for (let step = 0; step < 100; step++) {
      total += admitted('bank', 3);
      clock.advance(37);
    }
    // 100 steps of 37 ms: 3.663 s after the first call at 10/s, plus the burst of 4
    expect(total).toBe(4 + Math.floor(99 * 37 * 0.01));
  });

  it('keeps at most maxKeys buckets, forgetting the least recently used', () => {
    const { admitted } = setUp(1, 2, 2);
    admitted('a', 2);
    admitted('b', 2);
    expect(admitted('a', 1)).toBe(0); // a is now the most recently used
    admitted('c', 2); // forgets b
    expect(admitted('a', 1)).toBe(0);
    expect(admitted('b', 2)).toBe(2); // b came back full
  });

  it.each([
    [{ ratePerSecond: -1, burst: 1 }],
    [{ ratePerSecond: NaN, burst: 1 }],
    [{ ratePerSecond: 1, burst: 0 }],
  ])('rejects %j', (opts) => {
    expect(() => createKeyedTokenBuckets({ ...opts, clock: new FakeClock() })).toThrow(RangeError);
  });
});

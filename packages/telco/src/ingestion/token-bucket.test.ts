import { describe, expect, it } from 'vitest';
import { FakeClock } from '@sentinel/kernel/testing';
import { createTokenBucket } from './token-bucket.ts';

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

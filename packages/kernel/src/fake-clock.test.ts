import { describe, expect, it } from 'vitest';
import { every, sleep } from './clock.ts';
import { FakeClock } from './fake-clock.ts';

const START = new Date('2026-03-01T10:00:00.000Z');

describe('FakeClock', () => {
  it('moves wall and monotonic time together, only when told', () => {
    const clock = new FakeClock(START);
    expect(clock.now()).toEqual(START);
    expect(clock.monotonicMs()).toBe(0);
    clock.advance(1_500);
    expect(clock.now()).toEqual(new Date(START.getTime() + 1_500));
    expect(clock.monotonicMs()).toBe(1_500);
  });

  it('fires due timers in due order, each at its own time, ties in the order set', () => {
    const clock = new FakeClock(START);
    const fired: string[] = [];
    const at = (name: string) => () => fired.push(`${name}@${clock.monotonicMs()}`);
    clock.setTimer(30, at('c'));
    clock.setTimer(10, at('a'));
    clock.setTimer(10, at('b'));
    clock.setTimer(31, at('late'));
    clock.advance(30);
    expect(fired).toEqual(['a@10', 'b@10', 'c@30']);
    expect(clock.monotonicMs()).toBe(30);
    expect(clock.pendingTimers).toBe(1);
  });

  it('fires a timer set by a firing timer when it falls due within the same advance', () => {
    const clock = new FakeClock(START);
    const fired: number[] = [];
    clock.setTimer(5, () => clock.setTimer(5, () => fired.push(clock.monotonicMs())));
    clock.advance(10);
    expect(fired).toEqual([10]);
  });

  it('never fires a cancelled timer', () => {
    const clock = new FakeClock(START);
    let fired = false;
    const cancel = clock.setTimer(5, () => (fired = true));
    cancel();
    clock.advance(10);
    expect(fired).toBe(false);
    expect(clock.pendingTimers).toBe(0);
  });

  it('steps wall time without moving monotonic time or timers', () => {
    const clock = new FakeClock(START);
    let fired = false;
    clock.setTimer(5, () => (fired = true));
    const later = new Date('2026-03-02T00:00:00.000Z');
    clock.set(later);
    expect(clock.now()).toEqual(later);
    expect(clock.monotonicMs()).toBe(0);
    expect(fired).toBe(false);
  });

  it('advanceAsync lets a chain of sleeps run through', async () => {
    const clock = new FakeClock(START);
    const woke: number[] = [];
    const chain = (async () => {
      for (let i = 0; i < 3; i++) {
        await sleep(clock, 10);
        woke.push(clock.monotonicMs());
      }
    })();
    await clock.advanceAsync(25);
    expect(woke).toEqual([10, 20]);
    await clock.advanceAsync(5);
    await chain;
    expect(woke).toEqual([10, 20, 30]);
  });

  it('drive settles work by moving to each next timer', async () => {
    const clock = new FakeClock(START);
    const work = (async () => {
      await sleep(clock, 1_000);
      await sleep(clock, 250);
      return clock.monotonicMs();
    })();
    expect(await clock.drive(work)).toBe(1_250);
  });

  it('drive moves no time while the work is busy', async () => {
    const clock = new FakeClock(START);
    let busy = true;
    const work = sleep(clock, 10);
    const driven = clock.drive(work, () => !busy);
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(clock.monotonicMs()).toBe(0);
    busy = false;
    await driven;
    expect(clock.monotonicMs()).toBe(10);
  });
});

describe('sleep', () => {
  it('rejects with the reason at once when aborted, and drops its timer', async () => {
    const clock = new FakeClock(START);
    const controller = new AbortController();
    const slept = sleep(clock, 1_000, controller.signal);
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(slept).rejects.toBe(reason);
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('every', () => {
  it('repeats on the clock until stopped', () => {
    const clock = new FakeClock(START);
    const ticks: number[] = [];
    const stop = every(clock, 100, () => ticks.push(clock.monotonicMs()));
    clock.advance(350);
    expect(ticks).toEqual([100, 200, 300]);
    stop();
    clock.advance(1_000);
    expect(ticks).toEqual([100, 200, 300]);
    expect(clock.pendingTimers).toBe(0);
  });
});

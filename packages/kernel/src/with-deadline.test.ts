import { describe, expect, it } from 'vitest';
import { FakeClock } from './fake-clock.ts';
import { DeadlineExceededError, unlessDeadline, withDeadline } from './with-deadline.ts';

const never = () => new Promise<never>(() => undefined);

describe('withDeadline', () => {
  it('settles with the result and drops its timer', async () => {
    const clock = new FakeClock();
    expect(await withDeadline(() => Promise.resolve(42), { clock, ms: 50, what: 'x' })).toBe(42);
    expect(clock.pendingTimers).toBe(0);
  });

  it('rejects with DeadlineExceededError exactly at the deadline and aborts the work', async () => {
    const clock = new FakeClock();
    let seen: AbortSignal | undefined;
    let settled = false;
    const pending = withDeadline(
      (signal) => {
        seen = signal;
        return never();
      },
      { clock, ms: 40.5, what: 'store read' },
    ).finally(() => (settled = true));
    pending.catch(() => undefined);
    await clock.advanceAsync(40);
    expect(settled).toBe(false);
    expect(seen?.aborted).toBe(false);
    clock.advance(0.5);
    const error: unknown = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineExceededError);
    expect(error).toMatchObject({
      code: 'RISK.DEADLINE_EXCEEDED',
      message: 'store read took longer than 41 ms',
    });
    expect(seen?.aborted).toBe(true);
  });

  it('passes the work’s own failure through', async () => {
    const clock = new FakeClock();
    const boom = new Error('boom');
    await expect(
      withDeadline(() => Promise.reject(boom), { clock, ms: 50, what: 'x' }),
    ).rejects.toBe(boom);
    await expect(
      withDeadline(
        () => {
          throw boom;
        },
        { clock, ms: 50, what: 'x' },
      ),
    ).rejects.toBe(boom);
    expect(clock.pendingTimers).toBe(0);
  });

  it('the caller aborting rejects with its reason and aborts the work', async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    const pending = withDeadline(
      (signal) => {
        seen = signal;
        return never();
      },
      { clock, ms: 1_000, what: 'x', signal: controller.signal },
    );
    await Promise.resolve();
    const reason = new Error('client went away');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(seen?.aborted).toBe(true);
    expect(clock.pendingTimers).toBe(0);
  });

  it('an already aborted signal does not start the work', async () => {
    const clock = new FakeClock();
    let started = false;
    const reason = new Error('gone');
    await expect(
      withDeadline(
        () => {
          started = true;
          return Promise.resolve(1);
        },
        { clock, ms: 50, what: 'x', signal: AbortSignal.abort(reason) },
      ),
    ).rejects.toBe(reason);
    expect(started).toBe(false);
  });

  it('a late rejection after the deadline is observed, never unhandled', async () => {
    const clock = new FakeClock();
    let fail: (e: Error) => void = () => undefined;
    const pending = withDeadline(() => new Promise<never>((_, reject) => (fail = reject)), {
      clock,
      ms: 10,
      what: 'x',
    });
    await Promise.resolve();
    clock.advance(10);
    await expect(pending).rejects.toBeInstanceOf(DeadlineExceededError);
    fail(new Error('late'));
    await new Promise((resolve) => setImmediate(resolve));
  });
});

describe('unlessDeadline', () => {
  it('swallows a passed deadline and rethrows anything else', () => {
    expect(() => {
      unlessDeadline(new DeadlineExceededError('slow'));
    }).not.toThrow();
    const other = new Error('broken');
    expect(() => unlessDeadline(other)).toThrow(other);
  });
});

import { FakeClock } from '@sentinel/kernel/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import type { LookupOptions, ProviderResult, SimSwapProvider } from '../sim-swap-provider.ts';
import { withHardTimeout } from './with-hard-timeout.ts';

const answer: ProviderResult = {
  ok: true,
  source: 'p',
  lastSwapAt: null,
  monitoredPeriodHours: 1,
  checkedAt: new Date(0),
};

let clock: FakeClock;
beforeEach(() => {
  clock = new FakeClock();
});

/** Answers after `ms` of clock time, ignoring its signal (the worst case the wrapper exists for). */
function sleepy(ms: number): SimSwapProvider & { seen: LookupOptions[] } {
  const seen: LookupOptions[] = [];
  return {
    id: 'sleepy',
    seen,
    lookup: (_n, opts) => {
      seen.push(opts);
      return new Promise((resolve) => clock.setTimer(ms, () => resolve(answer)));
    },
  };
}

const guarded = (provider: SimSwapProvider) => withHardTimeout(provider, { clock });

describe('withHardTimeout', () => {
  it('passes a fast answer through', async () => {
    const pending = guarded(sleepy(1)).lookup('+27820000001', { timeoutMs: 500 });
    await clock.untilTimers(2); // the answer's timer and the deadline's
    clock.advance(1);
    expect(await pending).toBe(answer);
    expect(clock.pendingTimers).toBe(0); // the deadline's timer is gone with the answer
  });

  it('resolves TIMEOUT at the deadline even when the provider ignores its signal', async () => {
    const inner = sleepy(2_000);
    let settled = false;
    const pending = guarded(inner)
      .lookup('+27820000001', { timeoutMs: 30 })
      .finally(() => (settled = true));
    await clock.untilTimers(2);
    await clock.advanceAsync(29);
    expect(settled).toBe(false);
    clock.advance(1);
    expect(await pending).toMatchObject({ ok: false, reason: 'TIMEOUT' });
    expect(inner.seen[0]?.signal?.aborted).toBe(true);
    expect(inner.seen[0]?.timeoutMs).toBe(30);
  });

  it('caps the deadline callers ask for', async () => {
    const inner = sleepy(2_000);
    const pending = withHardTimeout(inner, { clock, maxTimeoutMs: 20 }).lookup('+27820000001', {
      timeoutMs: 60_000,
    });
    await clock.untilTimers(2);
    clock.advance(20);
    const result = await pending;
    expect(result).toMatchObject({ ok: false, reason: 'TIMEOUT' });
    expect(inner.seen[0]?.timeoutMs).toBe(20);
  });

  it('the caller aborting ends the call at once', async () => {
    const controller = new AbortController();
    const pending = guarded(sleepy(2_000)).lookup('+27820000001', {
      timeoutMs: 5_000,
      signal: controller.signal,
    });
    controller.abort();
    expect(await pending).toMatchObject({
      ok: false,
      reason: 'TIMEOUT',
      detail: 'sleepy: aborted by the caller',
    });
  });

  it.each([0, -5])('no time left (%i ms) does not call the provider', async (timeoutMs) => {
    const inner = sleepy(1);
    expect(await guarded(inner).lookup('+27820000001', { timeoutMs })).toMatchObject({
      reason: 'TIMEOUT',
    });
    expect(inner.seen).toHaveLength(0);
  });

  it('a provider that throws (a bug) resolves ERROR instead of rejecting', async () => {
    const broken: SimSwapProvider = {
      id: 'broken',
      lookup: () => {
        throw new TypeError('boom');
      },
    };
    expect(await guarded(broken).lookup('+27820000001', { timeoutMs: 100 })).toMatchObject({
      ok: false,
      reason: 'ERROR',
      detail: 'broken: provider threw TypeError: boom',
    });
  });
});

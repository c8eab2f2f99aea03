import { describe, expect, it } from 'vitest';
import type { LookupOptions, ProviderResult, SimSwapProvider } from '../sim-swap-provider.ts';
import { withHardTimeout } from './with-hard-timeout.ts';

const answer: ProviderResult = {
  ok: true,
  source: 'p',
  lastSwapAt: null,
  monitoredPeriodHours: 1,
  checkedAt: new Date(0),
};

/** Answers after `ms`, ignoring its signal (the worst case the wrapper exists for); records it. */
function sleepy(ms: number): SimSwapProvider & { seen: LookupOptions[] } {
  const seen: LookupOptions[] = [];
  return {
    id: 'sleepy',
    seen,
    lookup: (_n, opts) => {
      seen.push(opts);
      return new Promise((resolve) => setTimeout(() => resolve(answer), ms));
    },
  };
}

describe('withHardTimeout', () => {
  it('passes a fast answer through', async () => {
    expect(await withHardTimeout(sleepy(1)).lookup('+27820000001', { timeoutMs: 500 })).toBe(
      answer,
    );
  });

  it('resolves TIMEOUT at the deadline even when the provider ignores its signal', async () => {
    const inner = sleepy(2_000);
    const started = performance.now();
    const result = await withHardTimeout(inner).lookup('+27820000001', { timeoutMs: 30 });
    const elapsed = performance.now() - started;
    expect(result).toMatchObject({ ok: false, reason: 'TIMEOUT' });
    expect(elapsed).toBeGreaterThanOrEqual(25);
    expect(elapsed).toBeLessThan(300);
    expect(inner.seen[0]?.signal?.aborted).toBe(true);
    expect(inner.seen[0]?.timeoutMs).toBe(30);
  });

  it('caps the deadline callers ask for', async () => {
    const inner = sleepy(2_000);
    const result = await withHardTimeout(inner, { maxTimeoutMs: 20 }).lookup('+27820000001', {
      timeoutMs: 60_000,
    });
    expect(result).toMatchObject({ ok: false, reason: 'TIMEOUT' });
    expect(inner.seen[0]?.timeoutMs).toBe(20);
  });

  it('the caller aborting ends the call at once', async () => {
    const controller = new AbortController();
    const pending = withHardTimeout(sleepy(2_000)).lookup('+27820000001', {
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
    expect(await withHardTimeout(inner).lookup('+27820000001', { timeoutMs })).toMatchObject({
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
    expect(await withHardTimeout(broken).lookup('+27820000001', { timeoutMs: 100 })).toMatchObject({
      ok: false,
      reason: 'ERROR',
      detail: 'broken: provider threw TypeError: boom',
    });
  });
});

import { FakeClock } from '@sentinel/kernel/testing';
import { describe, expect, it } from 'vitest';
import {
  providerFailure,
  type ProviderResult,
  type SimSwapProvider,
} from '../sim-swap-provider.ts';
import { fullJitterDelay, withRetries } from './with-retries.ts';

const answer: ProviderResult = {
  ok: true,
  source: 'p',
  lastSwapAt: null,
  checkedAt: new Date(0),
  monitoredPeriodHours: 1,
};

function scripted(results: ProviderResult[]): SimSwapProvider & { calls: number } {
  const p = {
    id: 'p',
    calls: 0,
    lookup: () => {
      p.calls++;
      return Promise.resolve(results.shift() ?? answer);
    },
  };
  return p;
}

function retrying(inner: SimSwapProvider, random = () => 0.5) {
  const slept: number[] = [];
  const provider = withRetries(
    inner,
    {
      maxAttempts: 4,
      baseDelayMs: 100,
      maxDelayMs: 500,
      random,
    },
    {
      // A clock whose timers are due at once; it records what each backoff asked for.
      setTimer: (ms, fn) => {
        slept.push(ms);
        fn();
        return () => undefined;
      },
    },
  );
  return { provider, slept };
}

describe('withRetries', () => {
  it('retries UNAVAILABLE and TIMEOUT with full-jitter backoff until an answer', async () => {
    const inner = scripted([
      providerFailure('UNAVAILABLE', '503'),
      providerFailure('TIMEOUT', 'slow'),
      providerFailure('UNAVAILABLE', '503'),
      answer,
    ]);
    const { provider, slept } = retrying(inner);
    expect(await provider.lookup('+27820000001', { timeoutMs: 10 })).toBe(answer);
    expect(inner.calls).toBe(4);
    // ceilings 100, 200, 400 (cap 500); random 0.5
    expect(slept).toEqual([50, 100, 200]);
  });

  it('gives up after maxAttempts with the last failure', async () => {
    const inner = scripted(
      Array.from({ length: 9 }, (_, i) => providerFailure('UNAVAILABLE', `#${i}`)),
    );
    const { provider } = retrying(inner);
    expect(await provider.lookup('+27820000001', { timeoutMs: 10 })).toMatchObject({
      detail: '#3',
    });
    expect(inner.calls).toBe(4);
  });

  it.each([
    ['NOT_COVERED', providerFailure('NOT_COVERED', 'x')],
    ['ERROR', providerFailure('ERROR', 'x')],
    ['CIRCUIT_OPEN', providerFailure('CIRCUIT_OPEN', 'x', false)],
    ['UNAVAILABLE marked not retryable (Twilio 60620)', providerFailure('UNAVAILABLE', 'x', false)],
  ])('does not retry %s', async (_name, failure) => {
    const inner = scripted([failure, answer]);
    const { provider } = retrying(inner);
    expect(await provider.lookup('+27820000001', { timeoutMs: 10 })).toBe(failure);
    expect(inner.calls).toBe(1);
  });

  it('stops when the caller aborts during the backoff', async () => {
    const inner = scripted([providerFailure('UNAVAILABLE', 'a'), answer]);
    const controller = new AbortController();
    const clock = new FakeClock();
    const provider = withRetries(
      inner,
      { maxAttempts: 3, baseDelayMs: 10_000, maxDelayMs: 10_000, random: () => 0.9 },
      clock,
    );
    const pending = provider.lookup('+27820000001', { timeoutMs: 10, signal: controller.signal });
    await clock.untilTimers(1); // in the backoff
    clock.advance(8_999);
    controller.abort();
    expect(await pending).toMatchObject({ reason: 'UNAVAILABLE', detail: 'a' });
    expect(inner.calls).toBe(1);
    expect(clock.pendingTimers).toBe(0); // the backoff's timer went with the abort
  });

  it.each([
    [1, 0.999, 99],
    [2, 0.999, 199],
    [3, 0.999, 399],
    [4, 0.999, 499],
    [9, 0.999, 499],
    [3, 0, 0],
  ])('fullJitterDelay(retry %i, random %d) = %i', (retry, r, expected) => {
    expect(fullJitterDelay(retry, { baseDelayMs: 100, maxDelayMs: 500 }, () => r)).toBe(expected);
  });

  it.each([
    [{ maxAttempts: 0, baseDelayMs: 1, maxDelayMs: 1 }],
    [{ maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 5 }],
  ])('rejects %j', (opts) => {
    expect(() => withRetries(scripted([]), opts, new FakeClock())).toThrow(RangeError);
  });
});

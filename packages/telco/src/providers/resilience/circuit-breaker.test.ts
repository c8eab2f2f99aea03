import { describe, expect, it } from 'vitest';
import {
  providerFailure,
  type ProviderResult,
  type SimSwapProvider,
} from '../sim-swap-provider.ts';
import { FakeClock } from '@sentinel/kernel/testing';
import { createCircuitBreaker, type CircuitState } from './circuit-breaker.ts';
import { withCircuitBreaker } from './with-circuit-breaker.ts';

function setUp(failureThreshold = 3, coolDownMs = 10_000) {
  const clock = new FakeClock();
  const transitions: string[] = [];
  const breaker = createCircuitBreaker({
    failureThreshold,
    coolDownMs,
    clock,
    onStateChange: (from: CircuitState, to: CircuitState) => transitions.push(`${from}→${to}`),
  });
  const fail = (n: number) => {
    for (let i = 0; i < n; i++) {
      breaker.acquire()?.failure();
    }
  };
  return { clock, breaker, transitions, fail };
}

describe('createCircuitBreaker state machine (fake clock)', () => {
  it('stays closed below the threshold; a success resets the streak', () => {
    const { breaker, fail } = setUp(3);
    fail(2);
    breaker.acquire()?.success();
    fail(2);
    expect(breaker.state).toBe('CLOSED');
    expect(breaker.acquire()).not.toBeNull();
  });

  it('opens after threshold consecutive failures and refuses calls during the cool-down', () => {
    const { breaker, fail, clock, transitions } = setUp(3, 10_000);
    fail(3);
    expect(breaker.state).toBe('OPEN');
    expect(transitions).toEqual(['CLOSED→OPEN']);
    clock.advance(9_999);
    expect(breaker.acquire()).toBeNull();
    expect(breaker.state).toBe('OPEN');
  });

  it('after the cool-down admits exactly one probe (half-open)', () => {
    const { breaker, fail, clock, transitions } = setUp(3, 10_000);
    fail(3);
    clock.advance(10_000);
    expect(breaker.state).toBe('HALF_OPEN');
    const probe = breaker.acquire();
    expect(probe).not.toBeNull();
    expect(breaker.acquire()).toBeNull();
    expect(breaker.acquire()).toBeNull();
    expect(transitions).toEqual(['CLOSED→OPEN', 'OPEN→HALF_OPEN']);
  });

  it('a successful probe closes the circuit', () => {
    const { breaker, fail, clock, transitions } = setUp(3, 10_000);
    fail(3);
    clock.advance(10_000);
    breaker.acquire()?.success();
    expect(breaker.state).toBe('CLOSED');
    expect(transitions).toEqual(['CLOSED→OPEN', 'OPEN→HALF_OPEN', 'HALF_OPEN→CLOSED']);
    // and the failure streak starts from zero
    breaker.acquire()?.failure();
    breaker.acquire()?.failure();
    expect(breaker.state).toBe('CLOSED');
  });

  it('a failed probe opens it for a whole new cool-down', () => {
    const { breaker, fail, clock, transitions } = setUp(3, 10_000);
    fail(3);
    clock.advance(12_000);
    breaker.acquire()?.failure();
    expect(breaker.state).toBe('OPEN');
    clock.advance(9_999);
    expect(breaker.acquire()).toBeNull();
    clock.advance(1);
    expect(breaker.acquire()).not.toBeNull();
    expect(transitions).toEqual([
      'CLOSED→OPEN',
      'OPEN→HALF_OPEN',
      'HALF_OPEN→OPEN',
      'OPEN→HALF_OPEN',
    ]);
  });

  it('ignores late outcomes of calls admitted before the state changed', () => {
    const { breaker, fail, clock } = setUp(3, 10_000);
    const slow = breaker.acquire();
    fail(3);
    clock.advance(10_000);
    const probe = breaker.acquire();
    slow?.success(); // admitted while closed: must not close the half-open circuit
    expect(breaker.state).toBe('HALF_OPEN');
    expect(breaker.acquire()).toBeNull();
    probe?.failure();
    expect(breaker.state).toBe('OPEN');
  });

  it('a released probe frees the slot for another probe and leaves the state alone', () => {
    const { breaker, fail, clock } = setUp(3, 10_000);
    fail(3);
    clock.advance(10_000);
    breaker.acquire()?.release();
    expect(breaker.state).toBe('HALF_OPEN');
    const second = breaker.acquire();
    expect(second).not.toBeNull();
    second?.success();
    expect(breaker.state).toBe('CLOSED');
  });

  it('a released call in the closed state neither counts nor resets the streak', () => {
    const { breaker, fail } = setUp(3);
    fail(2);
    breaker.acquire()?.release();
    fail(1);
    expect(breaker.state).toBe('OPEN');
  });

  it('counts each permit once', () => {
    const { breaker } = setUp(2);
    const permit = breaker.acquire();
    permit?.failure();
    permit?.failure();
    expect(breaker.state).toBe('CLOSED');
  });

  it.each([
    [{ failureThreshold: 0, coolDownMs: 1 }],
    [{ failureThreshold: 1.5, coolDownMs: 1 }],
    [{ failureThreshold: 1, coolDownMs: -1 }],
    [{ failureThreshold: 1, coolDownMs: Infinity }],
  ])('rejects %j', (opts) => {
    expect(() => createCircuitBreaker({ ...opts, clock: new FakeClock() })).toThrow(RangeError);
  });
});

describe('withCircuitBreaker', () => {
  function scripted(results: ProviderResult[]): SimSwapProvider & { calls: number } {
    const provider = {
      id: 'scripted',
      calls: 0,
      lookup: () => {
        provider.calls++;
        return Promise.resolve(results.shift() ?? providerFailure('ERROR', 'script ran out'));
      },
    };
    return provider;
  }
  const down = providerFailure('UNAVAILABLE', 'down');
  const up: ProviderResult = {
    ok: true,
    source: 'scripted',
    lastSwapAt: null,
    monitoredPeriodHours: 24,
    checkedAt: new Date(0),
  };

  it('answers CIRCUIT_OPEN without calling the provider once open', async () => {
    const { breaker } = setUp(2);
    const inner = scripted([down, down, up]);
    const guarded = withCircuitBreaker(inner, breaker);
    await guarded.lookup('+27820000001', { timeoutMs: 10 });
    await guarded.lookup('+27820000001', { timeoutMs: 10 });
    expect(await guarded.lookup('+27820000001', { timeoutMs: 10 })).toMatchObject({
      ok: false,
      reason: 'CIRCUIT_OPEN',
      retryable: false,
    });
    expect(inner.calls).toBe(2);
  });

  it('NOT_COVERED says nothing about the provider health', async () => {
    const { breaker } = setUp(2);
    const notCovered = providerFailure('NOT_COVERED', 'unknown number');
    const guarded = withCircuitBreaker(scripted([notCovered, notCovered, notCovered]), breaker);
    for (let i = 0; i < 3; i++) {
      await guarded.lookup('+27820000001', { timeoutMs: 10 });
    }
    expect(breaker.state).toBe('CLOSED');
  });

  it('timeouts of calls given less than minJudgedTimeoutMs are not held against the provider', async () => {
    const { breaker } = setUp(2);
    const slow = providerFailure('TIMEOUT', 'no answer');
    const guarded = withCircuitBreaker(scripted([slow, slow, slow, slow]), breaker, {
      minJudgedTimeoutMs: 250,
    });
    await guarded.lookup('+27820000001', { timeoutMs: 25 });
    await guarded.lookup('+27820000001', { timeoutMs: 25 });
    expect(breaker.state).toBe('CLOSED');
    await guarded.lookup('+27820000001', { timeoutMs: 2_000 });
    await guarded.lookup('+27820000001', { timeoutMs: 2_000 });
    expect(breaker.state).toBe('OPEN');
  });

  it('a throwing provider counts as a failure and resolves ERROR', async () => {
    const { breaker } = setUp(1);
    const guarded = withCircuitBreaker(
      { id: 'broken', lookup: () => Promise.reject(new TypeError('bug')) },
      breaker,
    );
    expect(await guarded.lookup('+27820000001', { timeoutMs: 10 })).toMatchObject({
      ok: false,
      reason: 'ERROR',
    });
    expect(breaker.state).toBe('OPEN');
  });
});

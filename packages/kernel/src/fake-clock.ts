import type { Clock } from './clock.ts';

interface PendingTimer {
  readonly dueMs: number;
  readonly seq: number;
  readonly fn: () => void;
}

/** Lets pending I/O callbacks and every queued microtask run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A clock that moves only when the test moves it. `advance` moves wall and monotonic time
 * together and fires the timers that fall due, in due order (ties in the order they were set),
 * each at its own due time, so code that reads the clock inside a timer sees the time it expected.
 */
export class FakeClock implements Clock {
  #wallOffsetMs: number;
  #monoMs = 0;
  #seq = 0;
  #timers: PendingTimer[] = [];

  constructor(start: Date = new Date('2026-03-01T10:00:00.000Z')) {
    this.#wallOffsetMs = start.getTime();
  }

  now(): Date {
    return new Date(this.#wallOffsetMs + this.#monoMs);
  }

  monotonicMs(): number {
    return this.#monoMs;
  }

  setTimer(ms: number, fn: () => void): () => void {
    const timer: PendingTimer = {
      dueMs: this.#monoMs + Math.max(0, ms),
      seq: this.#seq++,
      fn,
    };
    this.#timers.push(timer);
    return () => {
      this.#timers = this.#timers.filter((t) => t !== timer);
    };
  }

  /** Timers set and not yet fired or cancelled. */
  get pendingTimers(): number {
    return this.#timers.length;
  }

  /** Steps wall time to `at` (an NTP correction); monotonic time and timers are unaffected. */
  set(at: Date): void {
    this.#wallOffsetMs = at.getTime() - this.#monoMs;
  }

  /**
   * Moves time by `ms`, firing due timers synchronously. Continuations of promises those timers
   * settle run after this returns; use `advanceAsync` when they set further timers within `ms`.
   */
  advance(ms: number): void {
    const target = this.#monoMs + ms;
    for (let next = this.#nextDue(target); next !== undefined; next = this.#nextDue(target)) {
      this.#fire(next);
    }
    this.#monoMs = Math.max(this.#monoMs, target);
  }

  /**
   * Moves time by `ms` like `advance`, but lets I/O callbacks and promise continuations run
   * before each due timer and at the end, so a chain of sleeps or a retry loop completes.
   */
  async advanceAsync(ms: number): Promise<void> {
    const target = this.#monoMs + ms;
    await settle();
    for (let next = this.#nextDue(target); next !== undefined; next = this.#nextDue(target)) {
      this.#fire(next);
      await settle();
    }
    this.#monoMs = Math.max(this.#monoMs, target);
    await settle();
  }

  /** Moves time to the earliest pending timer and fires it; false when none is pending. */
  advanceToNextTimer(): boolean {
    const next = this.#nextDue(Infinity);
    if (next === undefined) {
      return false;
    }
    this.#fire(next);
    return true;
  }

  /**
   * Settles `work`, moving time to the next timer whenever the program can only progress by time:
   * between event-loop turns, when `idle()` says no I/O is in flight (so no real-time work races
   * the fake time). Time is never moved while `idle()` is false.
   */
  async drive<T>(work: Promise<T>, idle: () => boolean = () => true): Promise<T> {
    const state = { done: false };
    const settled = work.finally(() => {
      state.done = true;
    });
    settled.catch(() => undefined);
    for (;;) {
      await settle();
      if (state.done) {
        return settled;
      }
      if (idle()) {
        this.advanceToNextTimer();
      }
    }
  }

  /** Waits (in real event-loop turns, never in time) until at least `count` timers are pending. */
  async untilTimers(count = 1, maxTurns = 10_000): Promise<void> {
    for (let turn = 0; this.#timers.length < count; turn++) {
      if (turn >= maxTurns) {
        throw new Error(`expected ${count} pending timers, have ${this.#timers.length}`);
      }
      await settle();
    }
  }

  #nextDue(target: number): PendingTimer | undefined {
    let next: PendingTimer | undefined;
    for (const timer of this.#timers) {
      if (
        timer.dueMs <= target &&
        (next === undefined ||
          timer.dueMs < next.dueMs ||
          (timer.dueMs === next.dueMs && timer.seq < next.seq))
      ) {
        next = timer;
      }
    }
    return next;
  }

  #fire(timer: PendingTimer): void {
    this.#timers = this.#timers.filter((t) => t !== timer);
    this.#monoMs = Math.max(this.#monoMs, timer.dueMs);
    timer.fn();
  }
}

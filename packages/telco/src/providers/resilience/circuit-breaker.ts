import type { Clock } from '@sentinel/kernel';

export type CircuitState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  readonly failureThreshold: number;
  /** How long the circuit stays open before one probe call may test the provider. */
  readonly coolDownMs: number;
  readonly clock: Pick<Clock, 'monotonicMs'>;
  readonly onStateChange?: (from: CircuitState, to: CircuitState) => void;
}

/** Permission for one call; report its outcome exactly once. */
export interface CircuitPermit {
  success(): void;
  failure(): void;
  /** The call says nothing about the provider's health (a probe slot is freed for another). */
  release(): void;
}

// Ours, not cockatiel 4's CircuitBreakerPolicy: it stamps `openedAt` with Date.now() and takes no
// clock, so tests could not move its cool-down with the injected clock (clock beats a library).
/**
 * Closed → (threshold consecutive failures) → open → (cool-down) → half-open, where exactly one
 * probe runs while every other call is refused; the probe's success closes the circuit, its failure
 * opens it for another cool-down. Outcomes of calls admitted under an earlier state are ignored, so
 * a slow call from before the circuit opened cannot close it.
 */
export interface CircuitBreaker {
  /** The state as of now (an open circuit whose cool-down has passed reads HALF_OPEN). */
  readonly state: CircuitState;
  /** A permit, or null when the call must not be made. */
  acquire(): CircuitPermit | null;
}

export function createCircuitBreaker(opts: CircuitBreakerOptions): CircuitBreaker {
  if (!Number.isInteger(opts.failureThreshold) || opts.failureThreshold < 1) {
    throw new RangeError('failureThreshold must be an integer of at least 1');
  }
  if (!Number.isFinite(opts.coolDownMs) || opts.coolDownMs < 0) {
    throw new RangeError('coolDownMs must be a finite number of at least 0');
  }
  let state: CircuitState = 'CLOSED';
  let failures = 0;
  let openedAt = 0;
  let probeInFlight = false;
  // Bumped on every transition: a permit only counts while its generation is current.
  let generation = 0;

  const move = (to: CircuitState): void => {
    const from = state;
    state = to;
    generation++;
    if (from !== to) {
      opts.onStateChange?.(from, to);
    }
  };
  const open = (): void => {
    openedAt = opts.clock.monotonicMs();
    probeInFlight = false;
    move('OPEN');
  };
  const coolDownOver = (): boolean => opts.clock.monotonicMs() - openedAt >= opts.coolDownMs;

  const permit = (probe: boolean): CircuitPermit => {
    const issued = generation;
    let reported = false;
    const report = (ok: boolean | null): void => {
      if (reported || issued !== generation) {
        reported = true;
        return;
      }
      reported = true;
      if (ok === null) {
        probeInFlight = probe ? false : probeInFlight;
        return;
      }
      if (probe) {
        probeInFlight = false;
        if (ok) {
          failures = 0;
          move('CLOSED');
        } else {
          open();
        }
        return;
      }
      if (ok) {
        failures = 0;
      } else if (++failures >= opts.failureThreshold) {
        open();
      }
    };
    return {
      success: () => report(true),
      failure: () => report(false),
      release: () => report(null),
    };
  };

  return {
    get state() {
      return state === 'OPEN' && coolDownOver() ? 'HALF_OPEN' : state;
    },
    acquire() {
      if (state === 'OPEN') {
        if (!coolDownOver()) {
          return null;
        }
        move('HALF_OPEN');
      }
      if (state === 'HALF_OPEN') {
        if (probeInFlight) {
          return null;
        }
        probeInFlight = true;
        return permit(true);
      }
      return permit(false);
    },
  };
}

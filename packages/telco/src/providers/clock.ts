/** Time source (same shape as the risk-api's `Clock`, so the lead can pass that one in). */
export interface Clock {
  now(): Date;
  /** Monotonic milliseconds for durations, deadlines and cool-downs. */
  monotonicMs(): number;
}

export const systemClock: Clock = {
  now: () => new Date(),
  monotonicMs: () => performance.now(),
};

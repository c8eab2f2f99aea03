/** Time source of the simulator: request handling, token expiry and subscription expiry read it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

import type { MiddlewareHandler } from 'hono';
import { CamaraError } from './camara-error.ts';
import type { SimEnv } from './sim-env.ts';

/**
 * A switchable operator outage for the demo (the console's "telco outage" attack): while it is
 * on, SIM swap lookups get no answer — each request waits until the caller gives up (its budget
 * aborts the connection) or the outage ends, then gets 503 UNAVAILABLE. The caller's timeout is
 * what the demo shows, exactly as a real operator that stops answering.
 */
export interface Outage {
  readonly on: boolean;
  /** Lookups parked behind the outage right now. */
  readonly waiting: number;
  set(on: boolean): void;
  /** Holds CAMARA requests while the outage is on. */
  readonly middleware: MiddlewareHandler<SimEnv>;
}

export function createOutage(): Outage {
  let on = false;
  let ended: (() => void)[] = [];
  const endOutage = () => {
    const waiting = ended;
    ended = [];
    for (const resolve of waiting) {
      resolve();
    }
  };
  return {
    get on() {
      return on;
    },
    get waiting() {
      return ended.length;
    },
    set(next: boolean) {
      on = next;
      if (!next) {
        endOutage();
      }
    },
    middleware: async (c, next) => {
      if (!on) {
        await next();
        return;
      }
      const signal = c.req.raw.signal;
      await new Promise<void>((resolve) => {
        const done = () => {
          ended = ended.filter((r) => r !== done);
          resolve();
        };
        ended.push(done);
        signal.addEventListener('abort', done, { once: true });
      });
      throw new CamaraError('UNAVAILABLE', 'The operator did not answer (demo outage)');
    },
  };
}

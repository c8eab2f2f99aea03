import type { Logger } from './logger.ts';

/** What `exitOnSignals` needs of the process (the real one by default; a test passes its own). */
export interface SignalTarget {
  on(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;
  exit(code: number): void;
}

/** An HTTP server's `close`: stop accepting, call back once open connections have ended. */
export interface Closable {
  close(callback: () => void): unknown;
}

/**
 * A service's shutdown: on the first SIGTERM or SIGINT, stop accepting requests, run `close`
 * (drain work, close clients) and exit 0; exit 1 when `close` fails or `graceMs` passes first.
 * Cloud Run sends SIGTERM about 10 s before SIGKILL, so `graceMs` stays below that. Later signals
 * are ignored while the first one is handled.
 */
export function exitOnSignals(opts: {
  readonly server: Closable;
  readonly close: () => Promise<unknown>;
  readonly graceMs: number;
  readonly logger: Logger;
  readonly target?: SignalTarget;
}): void {
  const target = opts.target ?? process;
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) {
      return;
    }
    closing = true;
    opts.logger.info('shutting down', { signal });
    // The process-level last resort: a wall-clock timer on purpose, outside any injected clock.
    setTimeout(() => target.exit(1), opts.graceMs).unref();
    opts.server.close(() => {
      opts
        .close()
        .then(() => target.exit(0))
        .catch((error: unknown) => {
          opts.logger.error('shutdown failed', { error });
          target.exit(1);
        });
    });
  };
  target.on('SIGTERM', () => shutdown('SIGTERM'));
  target.on('SIGINT', () => shutdown('SIGINT'));
}

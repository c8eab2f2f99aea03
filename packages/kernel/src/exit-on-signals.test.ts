import { describe, expect, it } from 'vitest';
import { exitOnSignals, type SignalTarget } from './exit-on-signals.ts';
import { silentLogger } from './logger.ts';

/** A process stand-in: records listeners, and resolves `exited` with the first exit code. */
function fakeProcess() {
  const listeners = new Map<string, () => void>();
  let exit!: (code: number) => void;
  const exited = new Promise<number>((resolve) => {
    exit = resolve;
  });
  const target: SignalTarget = {
    on: (signal, listener) => listeners.set(signal, listener),
    exit: (code) => exit(code),
  };
  const send = (signal: 'SIGTERM' | 'SIGINT') => listeners.get(signal)?.();
  return { target, send, exited };
}

describe('exitOnSignals', () => {
  it('stops accepting, closes, and exits 0 once, however many signals arrive', async () => {
    const proc = fakeProcess();
    const steps: string[] = [];
    exitOnSignals({
      server: {
        close: (done) => {
          steps.push('server closed');
          done();
        },
      },
      close: () => {
        steps.push('clients closed');
        return Promise.resolve();
      },
      graceMs: 60_000,
      logger: silentLogger,
      target: proc.target,
    });
    proc.send('SIGTERM');
    proc.send('SIGINT');
    expect(await proc.exited).toBe(0);
    expect(steps).toEqual(['server closed', 'clients closed']);
  });

  it('exits 1 when closing fails', async () => {
    const proc = fakeProcess();
    exitOnSignals({
      server: { close: (done) => done() },
      close: () => Promise.reject(new Error('pubsub close failed')),
      graceMs: 60_000,
      logger: silentLogger,
      target: proc.target,
    });
    proc.send('SIGINT');
    expect(await proc.exited).toBe(1);
  });
});

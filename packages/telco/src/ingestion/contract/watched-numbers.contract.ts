import { describe, expect, it } from 'vitest';
import type { WatchedNumbers } from '../watched-numbers.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 10, minute));

async function collect(numbers: AsyncIterable<string>): Promise<string[]> {
  const all: string[] = [];
  for await (const n of numbers) {
    all.push(n);
  }
  return all.sort();
}

/** The `WatchedNumbers` contract. `make` must return an empty, isolated store on every call. */
export function runWatchedNumbersContract(name: string, make: () => WatchedNumbers): void {
  describe(`WatchedNumbers contract: ${name}`, () => {
    it('watches, lists and unwatches', async () => {
      const watched = make();
      expect(await collect(watched.list())).toEqual([]);
      await watched.watch('+27820000002', at(0));
      await watched.watch('+27820000001', at(1));
      expect(await collect(watched.list())).toEqual(['+27820000001', '+27820000002']);
      expect(await watched.get('+27820000001')).toEqual({
        phoneNumber: '+27820000001',
        watchedSince: at(1),
        consecutiveFailures: 0,
        failureCount: 0,
      });
      await watched.unwatch('+27820000002');
      expect(await collect(watched.list())).toEqual(['+27820000001']);
      expect(await watched.get('+27820000002')).toBeNull();
    });

    it('lists more numbers than one page holds, each once', async () => {
      const watched = make();
      const numbers = Array.from({ length: 650 }, (_, i) => `+2783${String(i).padStart(7, '0')}`);
      await Promise.all(numbers.map((n) => watched.watch(n, at(0))));
      expect(await collect(watched.list())).toEqual([...numbers].sort());
    });

    it('records failures and resets the streak on success', async () => {
      const watched = make();
      await watched.watch('+27820000001', at(0));
      const error = {
        reason: 'UNAVAILABLE' as const,
        detail: 'camara-za: HTTP 503 UNAVAILABLE',
        at: at(5),
      };
      await watched.recordFailure('+27820000001', error);
      await watched.recordFailure('+27820000001', { ...error, reason: 'TIMEOUT', at: at(10) });
      expect(await watched.get('+27820000001')).toEqual({
        phoneNumber: '+27820000001',
        watchedSince: at(0),
        consecutiveFailures: 2,
        failureCount: 2,
        lastError: { ...error, reason: 'TIMEOUT', at: at(10) },
      });
      await watched.recordSuccess('+27820000001', at(15));
      expect(await watched.get('+27820000001')).toMatchObject({
        lastSuccessAt: at(15),
        consecutiveFailures: 0,
        failureCount: 2,
      });
    });

    it('watching again keeps the history', async () => {
      const watched = make();
      await watched.watch('+27820000001', at(0));
      await watched.recordFailure('+27820000001', { reason: 'ERROR', detail: 'x', at: at(1) });
      await watched.watch('+27820000001', at(30));
      expect(await watched.get('+27820000001')).toMatchObject({
        watchedSince: at(0),
        failureCount: 1,
      });
    });

    it('recording for a number unwatched meanwhile does not bring it back', async () => {
      const watched = make();
      await watched.recordSuccess('+27820000009', at(0));
      await watched.recordFailure('+27820000009', { reason: 'ERROR', detail: 'x', at: at(0) });
      expect(await watched.get('+27820000009')).toBeNull();
      expect(await collect(watched.list())).toEqual([]);
    });
  });
}

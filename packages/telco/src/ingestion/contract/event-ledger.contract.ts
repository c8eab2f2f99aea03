import { describe, expect, it } from 'vitest';
import type { EventLedger } from '../event-ledger.ts';

const at = (second: number) => new Date(Date.UTC(2026, 2, 1, 10, 0, second));

/** The `EventLedger` contract; `make` returns an isolated ledger with the given lease. */
export function runEventLedgerContract(
  name: string,
  make: (opts: { readonly leaseMs: number }) => EventLedger,
): void {
  describe(`EventLedger contract: ${name}`, () => {
    it('claims once; after completion every later delivery is a replay', async () => {
      const ledger = make({ leaseMs: 30_000 });
      expect(await ledger.claim('k1', at(0))).toBe('claimed');
      await ledger.complete('k1', at(1), 'signal-updated');
      expect(await ledger.claim('k1', at(2))).toBe('done');
      expect(await ledger.claim('k1', at(59))).toBe('done');
    });

    it('a claim in progress is busy for others until its lease runs out', async () => {
      const ledger = make({ leaseMs: 30_000 });
      expect(await ledger.claim('k2', at(0))).toBe('claimed');
      expect(await ledger.claim('k2', at(29))).toBe('busy');
      expect(await ledger.claim('k2', at(30))).toBe('claimed');
    });

    it('a released claim can be claimed again at once', async () => {
      const ledger = make({ leaseMs: 30_000 });
      await ledger.claim('k3', at(0));
      await ledger.release('k3');
      expect(await ledger.claim('k3', at(1))).toBe('claimed');
    });

    it('release does not undo a completion', async () => {
      const ledger = make({ leaseMs: 30_000 });
      await ledger.claim('k4', at(0));
      await ledger.complete('k4', at(0), 'done');
      await ledger.release('k4');
      expect(await ledger.claim('k4', at(1))).toBe('done');
    });

    it('of concurrent claims exactly one wins', async () => {
      const ledger = make({ leaseMs: 30_000 });
      const outcomes = await Promise.all(
        Array.from({ length: 5 }, () => ledger.claim('k5', at(0))),
      );
      expect(outcomes.filter((o) => o === 'claimed')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'busy')).toHaveLength(4);
    });
  });
}

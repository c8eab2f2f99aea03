import { describe, expect, it } from 'vitest';
import { benchUsers, createMix } from './mix.ts';

describe('bench request mix', () => {
  it('follows the 6/1/1/1/1 pattern and retries bodies byte for byte', () => {
    const mix = createMix(benchUsers(20), 'run');
    const out = Array.from({ length: 40 }, (_, i) => mix.body(i));
    const counts = out.reduce<Record<string, number>>(
      (acc, o) => ({ ...acc, [o.scenario]: (acc[o.scenario] ?? 0) + 1 }),
      {},
    );
    // The first retry slot (i = 9) has nothing old enough to retry and sends a clean payment.
    expect(counts).toEqual({
      clean: 25,
      'swapped-sim': 4,
      'new-device': 4,
      behaviour: 4,
      retry: 3,
    });
    const firstRetry = out.findIndex((o, i) => o.scenario === 'retry' && i >= 10);
    const retried = JSON.parse(out[firstRetry]!.body) as { transactionId: string };
    expect(
      out.some(
        (o, i) => i < firstRetry && o.scenario !== 'retry' && o.body === out[firstRetry]!.body,
      ),
    ).toBe(true);
    expect(retried.transactionId).toMatch(/^run-\d+$/);
  });

  it('sends swapped-SIM scenarios only for swapped users', () => {
    const users = benchUsers(30);
    const mix = createMix(users, 'r');
    const swapped = new Set(users.filter((u) => u.swappedHoursAgo !== null).map((u) => u.userId));
    for (let i = 0; i < 50; i++) {
      const o = mix.body(i);
      if (o.scenario === 'swapped-sim') {
        expect(swapped.has((JSON.parse(o.body) as { userId: string }).userId)).toBe(true);
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import { interleave, median, orderIn, type Role } from './interleave.ts';

describe('median', () => {
  it('takes the middle value of an odd count and the mean of the middle two of an even one', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
  });

  it('does not reorder the caller’s array', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('interleave', () => {
  it('alternates which server runs first, round by round', async () => {
    const calls: string[] = [];
    await interleave({
      target: 't',
      ceiling: 'c',
      concurrency: 5,
      rounds: 4,
      run: (which) => {
        calls.push(which);
        return Promise.resolve({ rps: 1, p99Ms: 1 });
      },
    });
    expect(calls).toEqual([
      'target',
      'ceiling',
      'ceiling',
      'target',
      'target',
      'ceiling',
      'ceiling',
      'target',
    ]);
    expect([0, 1, 2, 3].map((i) => orderIn(i, ['target', 'ceiling'])[0])).toEqual([
      'target',
      'ceiling',
      'target',
      'ceiling',
    ]);
  });

  it('pairs each round’s runs by server, not by order, and takes the medians of the ratios', async () => {
    // Each run answers its own call number, so a pairing by order would show in the ratios.
    let call = 0;
    const result = await interleave({
      target: 'in-memory',
      ceiling: 'baseline',
      concurrency: 50,
      rounds: 3,
      run: (which) => {
        call++;
        return Promise.resolve(
          which === 'target' ? { rps: 100 * call, p99Ms: 10 } : { rps: 1_000, p99Ms: 2 * call },
        );
      },
    });
    // Calls: round 1 target(1) ceiling(2); round 2 ceiling(3) target(4); round 3 target(5) ceiling(6).
    expect(result.rounds.map((r) => [r.order[0], r.target.rps, r.ceiling.p99Ms])).toEqual([
      ['target', 100, 4],
      ['ceiling', 400, 6],
      ['target', 500, 12],
    ]);
    expect(result.rounds.map((r) => r.rpsRatio)).toEqual([0.1, 0.4, 0.5]);
    expect(result.rounds.map((r) => r.p99Ratio)).toEqual([10 / 4, 10 / 6, 10 / 12]);
    expect(result.medianRpsRatio).toBe(0.4);
    expect(result.medianP99Ratio).toBe(10 / 6);
    expect(result).toMatchObject({ target: 'in-memory', ceiling: 'baseline', concurrency: 50 });
  });

  it('runs a reference in every round, reverses the whole order each round, and pairs by server', async () => {
    const calls: Role[] = [];
    // Each run answers its own call number again: a pairing by order would show in the ratios.
    const result = await interleave({
      target: 'emulators',
      ceiling: 'emulator-floor',
      reference: 'emulator-delivery-floor',
      concurrency: 20,
      rounds: 3,
      run: (which) => {
        calls.push(which);
        const n = calls.length;
        const rps = { target: 100 * n, ceiling: 1_000, reference: 500 }[which];
        return Promise.resolve({ rps, p99Ms: which === 'reference' ? n : 10 });
      },
    });
    expect(calls).toEqual([
      'target',
      'ceiling',
      'reference',
      'reference',
      'ceiling',
      'target',
      'target',
      'ceiling',
      'reference',
    ]);
    expect(result.rounds.map((r) => r.order)).toEqual([
      ['target', 'ceiling', 'reference'],
      ['reference', 'ceiling', 'target'],
      ['target', 'ceiling', 'reference'],
    ]);
    // Target calls 1, 6, 7: 100, 600, 700 req/s; reference calls 3, 4, 9: p99 3, 4, 9 ms.
    expect(result.rounds.map((r) => r.rpsRatio)).toEqual([0.1, 0.6, 0.7]);
    expect(result.rounds.map((r) => r.reference?.vsCeiling)).toEqual([
      { rps: 0.5, p99: 3 / 10 },
      { rps: 0.5, p99: 4 / 10 },
      { rps: 0.5, p99: 9 / 10 },
    ]);
    expect(result.rounds.map((r) => r.reference?.targetVs)).toEqual([
      { rps: 0.2, p99: 10 / 3 },
      { rps: 1.2, p99: 10 / 4 },
      { rps: 1.4, p99: 10 / 9 },
    ]);
    expect(result.reference).toEqual({
      name: 'emulator-delivery-floor',
      medianVsCeiling: { rps: 0.5, p99: 0.4 },
      medianTargetVs: { rps: 1.2, p99: 2.5 },
    });
    expect(result.medianRpsRatio).toBe(0.6);
  });

  it('has no reference part without a reference', async () => {
    const result = await interleave({
      target: 't',
      ceiling: 'c',
      concurrency: 1,
      rounds: 1,
      run: () => Promise.resolve({ rps: 1, p99Ms: 1 }),
    });
    expect(result.reference).toBeUndefined();
    expect(result.rounds[0]?.reference).toBeUndefined();
  });
});

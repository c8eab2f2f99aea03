import { FakeClock } from '@sentinel/kernel/testing';
import { describe, expect, it } from 'vitest';
import { MemoryRiskStateStore } from '@sentinel/store';
import { DEFAULT_TENANT, MemoryPolicyStores } from '@sentinel/store';
import { createLogger } from '@sentinel/kernel';
import { createPolicyCache } from './policy-cache.ts';
import { warmUp, warmUpBaseline } from './warm-up.ts';

describe('warmUp', () => {
  it('fits a baseline to score against, so the behaviour path warms up too', () => {
    const baseline = warmUpBaseline(new Date('2026-11-21T10:00:00Z'));
    expect(baseline?.n).toBe(12);
    expect(baseline?.meanTrainingDistance).toBeGreaterThan(0);
  });

  it('runs without writing anything and logs how long it took', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({
      level: 'debug',
      projectId: 'test',
      service: 'risk-api',
      write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
    });
    const state = new MemoryRiskStateStore();
    const policies = createPolicyCache({
      stores: new MemoryPolicyStores(),
      tenants: [],
      logger,
      refreshMs: 1_000,
      clock: new FakeClock(),
    });
    await warmUp({ state, policies, logger, clock: new FakeClock() });
    expect(lines.map((l) => l['message'])).toEqual(['warmed up']);
    expect(await state.forTenant(DEFAULT_TENANT).getProfile('warm-up-probe')).toBeNull();
  });
});

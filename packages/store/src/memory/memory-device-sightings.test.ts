import { describe, expect, it } from 'vitest';
import { MemoryRiskStateStore } from './memory-risk-state-store.ts';

const T0 = Date.parse('2026-12-06T10:00:00Z');
const sighting = (deviceId: string, n: number) => ({
  deviceId,
  userId: `user-${n}`,
  at: new Date(T0 + n * 1_000),
  decisionId: `d-${n}`,
  bound: false,
});

describe('the memory store’s device sightings', () => {
  it('remembers the devices written most recently, up to its bound, per tenant', async () => {
    const store = new MemoryRiskStateStore({ maxDevices: 2 });
    const bank = store.forTenant('bank-a');
    const seen = async (deviceId: string) =>
      (
        await bank.readSnapshot('user-x', '+27820000001', { timeoutMs: 1_000, deviceId })
      ).deviceSightings.map((s) => s.userId);
    await bank.recordSighting(sighting('phone-1', 1));
    await bank.recordSighting(sighting('phone-2', 2));
    await bank.recordSighting(sighting('phone-1', 3)); // phone-1 written again: now the newest
    await bank.recordSighting(sighting('phone-3', 4)); // past the bound: phone-2 is forgotten
    expect(await seen('phone-1')).toEqual(['user-3', 'user-1']);
    expect(await seen('phone-2')).toEqual([]);
    expect(await seen('phone-3')).toEqual(['user-4']);
    // Another tenant's devices count against its own bound only.
    await store.forTenant('bank-b').recordSighting(sighting('phone-9', 5));
    expect(await seen('phone-1')).toEqual(['user-3', 'user-1']);
  });

  it('keeps 100,000 devices per tenant by default', async () => {
    const bank = new MemoryRiskStateStore().forTenant('bank-a');
    for (let n = 0; n <= 100_000; n++) {
      await bank.recordSighting(sighting(`phone-${n}`, n));
    }
    const seen = async (deviceId: string) =>
      (await bank.readSnapshot('user-x', '+27820000001', { timeoutMs: 1_000, deviceId }))
        .deviceSightings.length;
    expect(await seen('phone-0')).toBe(0);
    expect(await seen('phone-1')).toBe(1);
    expect(await seen('phone-100000')).toBe(1);
  });
});

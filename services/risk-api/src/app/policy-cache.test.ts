import { DEFAULT_POLICY } from '@sentinel/engine';
import { silentLogger } from '@sentinel/kernel';
import { FakeClock } from '@sentinel/kernel/testing';
import { MemoryPolicyStore } from '@sentinel/store';
import { describe, expect, it } from 'vitest';
import { createPolicyCache } from './policy-cache.ts';

describe('createPolicyCache refresh loop', () => {
  it('adopts a stored policy at each refresh interval of the injected clock, until stopped', async () => {
    const clock = new FakeClock();
    const store = new MemoryPolicyStore();
    const cache = createPolicyCache({ store, logger: silentLogger, refreshMs: 1_000, clock });
    const { version: _version, ...policy } = DEFAULT_POLICY;
    await store.put(policy, { author: 'analyst', at: clock.now() });
    cache.start();
    await clock.advanceAsync(999);
    expect(cache.current().document.version).toBe(0);
    await clock.advanceAsync(1);
    expect(cache.current().document.version).toBe(1);
    cache.stop();
    await store.put(policy, { author: 'analyst', at: clock.now() });
    await clock.advanceAsync(5_000);
    expect(cache.current().document.version).toBe(1);
    expect(clock.pendingTimers).toBe(0);
  });
});

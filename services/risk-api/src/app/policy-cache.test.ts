import { DEFAULT_POLICY } from '@sentinel/engine';
import { silentLogger } from '@sentinel/kernel';
import { FakeClock } from '@sentinel/kernel/testing';
import { MemoryPolicyStores } from '@sentinel/store';
import { describe, expect, it } from 'vitest';
import { createPolicyCache } from './policy-cache.ts';

describe('createPolicyCache refresh loop', () => {
  it('adopts a stored policy at each refresh interval of the injected clock, until stopped', async () => {
    const clock = new FakeClock();
    const stores = new MemoryPolicyStores();
    const cache = createPolicyCache({
      stores,
      tenants: ['bank'],
      logger: silentLogger,
      refreshMs: 1_000,
      clock,
    });
    const { version: _version, ...policy } = DEFAULT_POLICY;
    await stores.platform.put(policy, { author: 'operator', at: clock.now() });
    await stores.forTenant('bank').put(policy, { author: 'bank', at: clock.now() });
    await stores.forTenant('bank').put(policy, { author: 'bank', at: clock.now() });
    cache.start();
    await clock.advanceAsync(999);
    expect(cache.current('bank').document.version).toBe(0);
    await clock.advanceAsync(1);
    expect(cache.current('bank').document.version).toBe(2); // the tenant's override
    expect(cache.current('other').document.version).toBe(1); // the platform default
    cache.stop();
    await stores.platform.put(policy, { author: 'operator', at: clock.now() });
    await clock.advanceAsync(5_000);
    expect(cache.current('other').document.version).toBe(1);
    expect(clock.pendingTimers).toBe(0);
  });
});

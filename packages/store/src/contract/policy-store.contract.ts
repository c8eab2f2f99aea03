import { DEFAULT_POLICY, type PolicyDocument } from '@sentinel/engine';
import { describe, expect, it } from 'vitest';
import type { PolicyStore, PolicyStores } from '../ports/policy-store.ts';
import { at, minutes } from '@sentinel/contracts/testing';

function withoutVersion(policy: PolicyDocument): Omit<PolicyDocument, 'version'> {
  const { version: _version, ...rest } = policy;
  return rest;
}

const BASE = withoutVersion(DEFAULT_POLICY);
const STRICTER = { ...BASE, description: 'stricter', signalMaxAgeSeconds: 120 };

/** The `PolicyStore` contract. `makeStore` must return an empty, isolated store on every call. */
export function runPolicyStoreContract(name: string, makeStore: () => PolicyStore): void {
  describe(`PolicyStore contract: ${name}`, () => {
    it('starts with no active policy and no history', async () => {
      const store = makeStore();
      expect(await store.getActive()).toBeNull();
      expect(await store.history(10)).toEqual([]);
    });

    it('stores a policy as version 1 and reads back every field', async () => {
      const store = makeStore();
      const result = await store.put(BASE, { author: 'alice', comment: 'initial', at: at(0) });
      const expected = {
        policy: { ...BASE, version: 1 },
        author: 'alice',
        updatedAt: at(0),
        comment: 'initial',
      };
      expect(result).toEqual({ ok: true, revision: expected });
      expect(await store.getActive()).toEqual(expected);
    });

    it('bumps the version on each change and checks expectedVersion', async () => {
      const store = makeStore();
      expect(await store.put(BASE, { author: 'a', expectedVersion: 0, at: at(0) })).toMatchObject({
        ok: true,
        revision: { policy: { version: 1 } },
      });
      const second = await store.put(STRICTER, { author: 'b', expectedVersion: 1, at: at(1) });
      expect(second).toMatchObject({ ok: true, revision: { policy: { version: 2 } } });
      expect(await store.put(BASE, { author: 'c', expectedVersion: 1, at: at(2) })).toEqual({
        ok: false,
        reason: 'VERSION_CONFLICT',
        currentVersion: 2,
      });
      const active = await store.getActive();
      expect(active?.policy).toEqual({ ...STRICTER, version: 2 });
      expect(active).not.toHaveProperty('comment');
    });

    it('reports a conflict against an empty store as version 0', async () => {
      const store = makeStore();
      expect(await store.put(BASE, { author: 'a', expectedVersion: 3, at: at(0) })).toEqual({
        ok: false,
        reason: 'VERSION_CONFLICT',
        currentVersion: 0,
      });
      expect(await store.getActive()).toBeNull();
    });

    it('keeps every revision, newest first', async () => {
      const store = makeStore();
      await store.put(BASE, { author: 'a', at: at(0) });
      await store.put(STRICTER, { author: 'b', at: at(minutes(1)) });
      await store.put(BASE, { author: 'c', comment: 'rollback', at: at(minutes(2)) });
      const history = await store.history(10);
      expect(history.map((r) => [r.policy.version, r.author])).toEqual([
        [3, 'c'],
        [2, 'b'],
        [1, 'a'],
      ]);
      expect(history[1]?.policy).toEqual({ ...STRICTER, version: 2 });
      expect(history[0]?.updatedAt).toEqual(at(minutes(2)));
      expect((await store.history(1)).map((r) => r.policy.version)).toEqual([3]);
    });
  });
}

/**
 * Policy scopes: the platform default and each tenant's override keep their own versions and
 * audit trails, and a change in one scope is invisible in every other. `makeStores` must return
 * empty stores on every call.
 */
export function runPolicyScopesContract(name: string, makeStores: () => PolicyStores): void {
  describe(`PolicyStores scopes: ${name}`, () => {
    it('keeps the platform default and every tenant override apart, each with its own versions', async () => {
      const stores = makeStores();
      const a = stores.forTenant('bank-a');
      const b = stores.forTenant('bank-b');
      await stores.platform.put(BASE, { author: 'operator', at: at(0) });
      await stores.platform.put(BASE, { author: 'operator', at: at(minutes(1)) });
      const override = await a.put(STRICTER, { author: 'bank-a', expectedVersion: 0, at: at(0) });
      expect(override.ok && override.revision.policy.version).toBe(1);

      expect((await stores.platform.getActive())?.policy).toEqual({ ...BASE, version: 2 });
      expect((await a.getActive())?.policy).toEqual({ ...STRICTER, version: 1 });
      expect(await b.getActive()).toBeNull();
      expect(await b.history(10)).toEqual([]);
      expect((await a.history(10)).map((r) => r.author)).toEqual(['bank-a']);
      expect((await stores.platform.history(10)).map((r) => r.author)).toEqual([
        'operator',
        'operator',
      ]);
      // If-Match is checked against the scope's own version, not the platform's.
      const stale = await b.put(STRICTER, { author: 'bank-b', expectedVersion: 2, at: at(0) });
      expect(stale).toEqual({ ok: false, reason: 'VERSION_CONFLICT', currentVersion: 0 });
    });

    it('hands out the same store for a tenant every time', () => {
      const stores = makeStores();
      expect(stores.forTenant('bank-a')).toBe(stores.forTenant('bank-a'));
    });
  });
}

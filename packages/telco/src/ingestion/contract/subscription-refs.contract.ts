import { describe, expect, it } from 'vitest';
import type { SubscriptionRefs } from '../subscription-refs.ts';

const createdAt = new Date('2026-03-01T10:00:00Z');
const expiresAt = new Date('2026-04-01T10:00:00Z');

/** The `SubscriptionRefs` contract; `make` returns an empty, isolated store on every call. */
export function runSubscriptionRefsContract(name: string, make: () => SubscriptionRefs): void {
  describe(`SubscriptionRefs contract: ${name}`, () => {
    it('stores, finds by number and by subscription id', async () => {
      const refs = make();
      const ref = { phoneNumber: '+27820000001', subscriptionId: 'sub-a', createdAt, expiresAt };
      await refs.put(ref);
      await refs.put({ phoneNumber: '+27820000002', subscriptionId: 'sub-b', createdAt });
      expect(await refs.get('+27820000001')).toEqual(ref);
      expect(await refs.findBySubscriptionId('sub-b')).toEqual({
        phoneNumber: '+27820000002',
        subscriptionId: 'sub-b',
        createdAt,
      });
      expect(await refs.findBySubscriptionId('sub-z')).toBeNull();
      expect(await refs.get('+27820000003')).toBeNull();
    });

    it('a new subscription replaces the old one of the number', async () => {
      const refs = make();
      await refs.put({ phoneNumber: '+27820000001', subscriptionId: 'old', createdAt });
      await refs.put({ phoneNumber: '+27820000001', subscriptionId: 'new', createdAt });
      expect((await refs.get('+27820000001'))?.subscriptionId).toBe('new');
      expect(await refs.findBySubscriptionId('old')).toBeNull();
    });

    it('deletes only the named subscription when an id is given', async () => {
      const refs = make();
      await refs.put({ phoneNumber: '+27820000001', subscriptionId: 'current', createdAt });
      await refs.delete('+27820000001', 'stale');
      expect(await refs.get('+27820000001')).not.toBeNull();
      await refs.delete('+27820000001', 'current');
      expect(await refs.get('+27820000001')).toBeNull();
      await refs.put({ phoneNumber: '+27820000002', subscriptionId: 'x', createdAt });
      await refs.delete('+27820000002');
      expect(await refs.get('+27820000002')).toBeNull();
      await refs.delete('+27820000009');
    });
  });
}

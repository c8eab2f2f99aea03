import { describe, expect, it } from 'vitest';
import type { NumberRecord } from '../domain/number-record.ts';
import type { SubscriptionRecord } from '../subscriptions/subscription.ts';
import type { SimulatorStore, TokenRecord } from './simulator-store.ts';

const T0 = new Date('2026-03-01T08:00:00.123Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const number = (phoneNumber: string, over: Partial<NumberRecord> = {}): NumberRecord => ({
  phoneNumber,
  activatedAt: at(-10_000),
  lastSwapAt: at(-60),
  serviceApplicable: true,
  updatedAt: at(0),
  ...over,
});

const subscription = (id: string, over: Partial<SubscriptionRecord> = {}): SubscriptionRecord => ({
  id,
  phoneNumber: '+27820000001',
  identifiedBy: 'REQUEST',
  sink: 'https://sink.example.com/events',
  startsAt: at(0),
  eventsSent: 0,
  ...over,
});

/** The `SimulatorStore` contract. `makeStore` must return an empty, isolated store on every call. */
export function runSimulatorStoreContract(name: string, makeStore: () => SimulatorStore): void {
  describe(`SimulatorStore contract: ${name}`, () => {
    it('reads back a number exactly, nulls included, and replaces it', async () => {
      const store = makeStore();
      expect(await store.getNumber('+27820000001')).toBeNull();
      const never = number('+27820000001', { activatedAt: null, lastSwapAt: null });
      await store.putNumber(never);
      expect(await store.getNumber('+27820000001')).toEqual(never);
      const swapped = number('+27820000001', { serviceApplicable: false });
      await store.putNumber(swapped);
      expect(await store.getNumber('+27820000001')).toEqual(swapped);
    });

    it('lists numbers by phone number and deletes each once', async () => {
      const store = makeStore();
      await store.putNumber(number('+4915100000002'));
      await store.putNumber(number('+27820000001'));
      expect((await store.listNumbers()).map((n) => n.phoneNumber)).toEqual([
        '+27820000001',
        '+4915100000002',
      ]);
      expect(await store.deleteNumber('+27820000001')).toBe(true);
      expect(await store.deleteNumber('+27820000001')).toBe(false);
      expect((await store.listNumbers()).map((n) => n.phoneNumber)).toEqual(['+4915100000002']);
    });

    it('reads back a subscription with every optional field, and one without', async () => {
      const store = makeStore();
      const full = subscription('sub-full', {
        identifiedBy: 'TOKEN',
        sinkCredential: { accessToken: 'sink-token', expiresAt: at(600) },
        protocolSettings: { headers: { 'x-tenant': 'bank' }, method: 'POST' },
        expiresAt: at(60),
        maxEvents: 3,
      });
      const bare = subscription('sub-bare');
      await store.putSubscription(full);
      await store.putSubscription(bare);
      expect(await store.getSubscription('sub-full')).toEqual(full);
      expect(await store.getSubscription('sub-bare')).toEqual(bare);
      expect(await store.getSubscription('sub-none')).toBeNull();
    });

    it('lists subscriptions oldest first, optionally for one number', async () => {
      const store = makeStore();
      await store.putSubscription(subscription('c', { startsAt: at(2) }));
      await store.putSubscription(
        subscription('b', { startsAt: at(1), phoneNumber: '+27820000002' }),
      );
      await store.putSubscription(subscription('a', { startsAt: at(2) }));
      expect((await store.listSubscriptions()).map((s) => s.id)).toEqual(['b', 'a', 'c']);
      const one = await store.listSubscriptions({ phoneNumber: '+27820000001' });
      expect(one.map((s) => s.id)).toEqual(['a', 'c']);
      expect(await store.listSubscriptions({ phoneNumber: '+27820000009' })).toEqual([]);
    });

    it('lists the subscriptions due to end, by expire time or sink token expiry', async () => {
      const store = makeStore();
      const token = (minutes: number) => ({ accessToken: 't', expiresAt: at(minutes) });
      await store.putSubscription(subscription('open'));
      await store.putSubscription(subscription('expired', { expiresAt: at(10), startsAt: at(2) }));
      await store.putSubscription(subscription('later', { expiresAt: at(11) }));
      await store.putSubscription(
        subscription('token', { sinkCredential: token(20), startsAt: at(1) }),
      );
      await store.putSubscription(
        subscription('both', { expiresAt: at(5), sinkCredential: token(5), startsAt: at(3) }),
      );
      await store.putSubscription(subscription('fresh-token', { sinkCredential: token(21) }));
      const due = await store.listExpiring(at(10), at(20));
      expect(due.map((s) => s.id)).toEqual(['token', 'expired', 'both']);
      expect(await store.listExpiring(at(0), at(0))).toEqual([]);
    });

    it('counts events atomically, and not for a subscription that is gone', async () => {
      const store = makeStore();
      await store.putSubscription(subscription('counted'));
      const counts = await Promise.all([1, 2, 3, 4].map(() => store.countEvent('counted')));
      expect([...counts].sort()).toEqual([1, 2, 3, 4]);
      expect((await store.getSubscription('counted'))?.eventsSent).toBe(4);
      expect(await store.countEvent('missing')).toBeNull();
    });

    it('lets exactly one of two concurrent deletes remove a subscription', async () => {
      const store = makeStore();
      await store.putSubscription(subscription('ending'));
      const results = await Promise.all([
        store.deleteSubscription('ending'),
        store.deleteSubscription('ending'),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.getSubscription('ending')).toBeNull();
      expect(await store.deleteSubscription('ending')).toBe(false);
    });

    it('reads back 2-legged and 3-legged tokens by digest', async () => {
      const store = makeStore();
      const three: TokenRecord = {
        kind: 'THREE_LEGGED',
        phoneNumber: '+27820000001',
        scopes: ['sim-swap:check', 'sim-swap-subscriptions:read'],
        expiresAt: at(60),
      };
      const two: TokenRecord = { kind: 'TWO_LEGGED', scopes: ['sim-swap'], expiresAt: at(30) };
      await store.putToken('a'.repeat(64), three);
      await store.putToken('b'.repeat(64), two);
      expect(await store.getToken('a'.repeat(64))).toEqual(three);
      expect(await store.getToken('b'.repeat(64))).toEqual(two);
      expect(await store.getToken('c'.repeat(64))).toBeNull();
    });
  });
}

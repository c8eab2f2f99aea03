import { EMPTY_HISTORY } from '@sentinel/engine';
import { describe, expect, it } from 'vitest';
import type { RiskStateStore } from '../ports/risk-state.ts';
import {
  aBaseline,
  aProfile,
  aSignal,
  at,
  minutes,
  someSessions,
  uniqueId,
} from '@sentinel/contracts/testing';

const opts = { timeoutMs: 5_000 };

/**
 * Tenant isolation, for every tenant-scoped port of a `RiskStateStore`: two tenants use the same
 * userId and the same device, and neither sees nor changes what the other stored. SIM swap
 * signals are the one shared fact (docs/architecture.md, "SIM swap signals are shared").
 */
export function runTenantIsolationContract(name: string, makeStore: () => RiskStateStore): void {
  describe(`RiskStateStore tenant isolation: ${name}`, () => {
    const setUp = () => {
      const store = makeStore();
      // Unique per test, so the Firestore suite can share one database between tests.
      const suffix = uniqueId('t').slice(-12);
      return {
        store,
        a: store.forTenant(`bank-a-${suffix}`),
        b: store.forTenant(`bank-b-${suffix}`),
        userId: uniqueId('user'),
        deviceId: uniqueId('device'),
      };
    };

    it('keeps profiles apart: one tenant neither reads, replaces nor deletes the other’s', async () => {
      const { a, b, userId } = setUp();
      const profileA = aProfile(userId);
      await a.putProfile(profileA);
      expect(await b.getProfile(userId)).toBeNull();
      expect((await b.readSnapshot(userId, profileA.phoneNumber, opts)).profile).toBeNull();

      const profileB = { ...aProfile(userId), phoneNumber: '+27829990000' };
      await b.putProfile(profileB);
      expect(await a.getProfile(userId)).toEqual(profileA);
      await b.deleteProfile(userId);
      expect(await a.getProfile(userId)).toEqual(profileA);
      expect(await b.getProfile(userId)).toBeNull();
    });

    it('keeps history and failed logins apart', async () => {
      const { a, b, userId } = setUp();
      await a.applyHistory({
        userId,
        payment: {
          decisionId: 'd-1',
          at: at(0),
          amount: { minor: 10_000, currency: 'ZAR' },
          action: 'APPROVE',
        },
      });
      await a.recordFailedLogin(userId, at(minutes(1)));
      const seenByA = (await a.readSnapshot(userId, '+27820000000', opts)).history;
      expect(seenByA.recentPayments.map((p) => p.decisionId)).toEqual(['d-1']);
      expect(seenByA.failedLogins).toHaveLength(1);
      expect((await b.readSnapshot(userId, '+27820000000', opts)).history).toEqual(EMPTY_HISTORY);
    });

    it('keeps freezes apart: a freeze at one tenant does not deny the other, nor can it be lifted there', async () => {
      const { a, b, userId } = setUp();
      await a.freezeAccount({ userId, decisionId: 'd-1', reason: 'FLEET_ANOMALY', at: at(0) });
      expect((await b.getAccountFreeze(userId)).frozen).toBe(false);
      expect((await b.readSnapshot(userId, '+27820000000', opts)).accountFrozen).toBe(false);
      await b.unfreezeAccount({ userId, by: 'bank-b', at: at(minutes(1)) });
      expect((await a.getAccountFreeze(userId)).frozen).toBe(true);
      expect((await a.readSnapshot(userId, '+27820000000', opts)).accountFrozen).toBe(true);
    });

    it('keeps behaviour sessions and baselines apart, each with its own versions', async () => {
      const { a, b, userId } = setUp();
      await a.addSessions(userId, someSessions(3));
      expect(await b.listSessions(userId)).toEqual([]);
      const stored = await a.saveBaseline(userId, aBaseline());
      expect(stored.version).toBe(1);
      expect(await b.getBaseline(userId)).toBeNull();
      expect(await b.getBaseline(userId, 1)).toBeNull();
      expect((await b.readSnapshot(userId, '+27820000000', opts)).baseline).toBeNull();
      expect((await b.saveBaseline(userId, aBaseline(12, 2))).version).toBe(1);
      expect(await a.getBaseline(userId)).toEqual(stored);
    });

    it('keeps device sightings apart: a device seen at one tenant does not count at the other', async () => {
      const { a, b, userId, deviceId } = setUp();
      await a.recordSighting({ userId, deviceId, at: at(0), decisionId: 'd-1', bound: false });
      await a.recordSighting({
        userId: 'u-2',
        deviceId,
        at: at(1_000),
        decisionId: 'd-2',
        bound: false,
      });
      const seenByA = await a.readSnapshot(userId, '+27820000000', { ...opts, deviceId });
      expect(seenByA.deviceSightings.map((s) => s.userId)).toEqual(['u-2', userId]);
      const seenByB = await b.readSnapshot(userId, '+27820000000', { ...opts, deviceId });
      expect(seenByB.deviceSightings).toEqual([]);
    });

    it('shares SIM swap signals: a telco fact about a number, whichever tenant asks', async () => {
      const { store, a, b, userId } = setUp();
      const phone = `+2782${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
      const signal = aSignal(phone, at(-minutes(30)));
      await store.putSimSwapSignal(signal);
      expect((await a.readSnapshot(userId, phone, opts)).simSwap).toEqual(signal);
      expect((await b.readSnapshot(userId, phone, opts)).simSwap).toEqual(signal);
    });

    it('hands out the same view of a tenant every time (its caches are the tenant’s)', () => {
      const { store } = setUp();
      expect(store.forTenant('bank-a')).toBe(store.forTenant('bank-a'));
      expect(store.forTenant('bank-a')).not.toBe(store.forTenant('bank-b'));
    });

    it('refuses a tenant id that could leave its subtree', () => {
      const { store } = setUp();
      for (const bad of ['', 'a/b', '..', 'x'.repeat(65)]) {
        expect(() => store.forTenant(bad)).toThrow('invalid tenant id');
      }
    });
  });
}

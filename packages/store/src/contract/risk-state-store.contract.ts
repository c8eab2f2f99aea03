import { HISTORY_WINDOW } from '../history/merge-history.ts';
import { EMPTY_HISTORY, type BoundDevice, type PaymentMemory } from '@sentinel/engine';
import { describe, expect, it } from 'vitest';
import type { HistoryUpdate } from '../ports/payment-history.ts';
import type { RiskStateStore } from '../ports/risk-state.ts';
import { aProfile, aSignal, at, hours, minutes, uniqueId } from '@sentinel/contracts/testing';

function aPayment(decisionId: string, when: Date, minor = 10_000): PaymentMemory {
  return { decisionId, at: when, amount: { minor, currency: 'ZAR' }, action: 'APPROVE' };
}

function anUpdate(userId: string, decisionId: string, when: Date): HistoryUpdate {
  return {
    userId,
    payment: { ...aPayment(decisionId, when), payeeAccountId: 'payee-9' },
    location: { lat: -33.92, lon: 18.42, accuracyM: 15, source: 'GPS', at: when },
    imei: { imei: '356938035643809', phoneNumber: '+27821230001', at: when },
  };
}

/** The `RiskStateStore` contract: every adapter must pass it (STYLE.md, "Ports"). */
export function runRiskStateStoreContract(name: string, makeStore: () => RiskStateStore): void {
  describe(`RiskStateStore contract: ${name}`, () => {
    const snapshotOpts = { timeoutMs: 5_000 };

    it('reads an unknown payer as no profile, no signal and the empty history', async () => {
      const store = makeStore().forTenant('bank-a');
      const snapshot = await store.readSnapshot(uniqueId('user'), '+27820000000', snapshotOpts);
      expect(snapshot).toEqual({
        profile: null,
        simSwap: null,
        history: EMPTY_HISTORY,
        baseline: null,
        accountFrozen: false,
        deviceSightings: [],
        enrolledFactors: { source: 'BANK_DECLARED', methods: [], locked: [] },
      });
    });

    it('round-trips a profile with its dates, and readSnapshot sees it', async () => {
      const store = makeStore().forTenant('bank-a');
      const profile = aProfile();
      await store.putProfile(profile);
      const read = await store.getProfile(profile.userId);
      expect(read).toEqual(profile);
      expect(read?.devices[0]?.boundAt).toBeInstanceOf(Date);
      expect(read?.devices[1]).not.toHaveProperty('imei');
      const snapshot = await store.readSnapshot(profile.userId, profile.phoneNumber, snapshotOpts);
      expect(snapshot.profile).toEqual(profile);
    });

    it('replaces a profile on put (upsert), dropping fields the new one lacks', async () => {
      const store = makeStore().forTenant('bank-a');
      const profile = aProfile();
      await store.putProfile(profile);
      const { homeLocation: _dropped, ...withoutHome } = { ...profile, enrolledFactors: [] };
      await store.putProfile(withoutHome);
      expect(await store.getProfile(profile.userId)).toEqual(withoutHome);
    });

    it('deletes a profile, idempotently', async () => {
      const store = makeStore().forTenant('bank-a');
      const profile = aProfile();
      await store.putProfile(profile);
      await store.deleteProfile(profile.userId);
      await store.deleteProfile(profile.userId);
      expect(await store.getProfile(profile.userId)).toBeNull();
      const snapshot = await store.readSnapshot(profile.userId, profile.phoneNumber, snapshotOpts);
      expect(snapshot.profile).toBeNull();
    });

    it('keeps stored state apart from the caller’s objects', async () => {
      const store = makeStore().forTenant('bank-a');
      const profile = aProfile();
      const input = structuredClone(profile);
      await store.putProfile(input);
      (input.devices as BoundDevice[]).length = 0;
      const first = await store.getProfile(profile.userId);
      // An adapter may hand out fresh copies (mutation has no effect) or frozen values (mutation
      // throws a TypeError); either way the stored profile must be unchanged.
      try {
        (first?.devices as BoundDevice[] | undefined)?.splice(0);
      } catch (error) {
        expect(error).toBeInstanceOf(TypeError);
      }
      expect(await store.getProfile(profile.userId)).toEqual(profile);
    });

    it('round-trips SIM swap signals, with and without a known swap', async () => {
      const signals = makeStore();
      const store = signals.forTenant('bank-a');
      const swapped = { ...aSignal('+27821239001', at(-hours(3))), monitoredPeriodHours: 240 };
      const clean = aSignal('+27821239002', null);
      await signals.putSimSwapSignal(swapped);
      await signals.putSimSwapSignal(clean);
      expect(await signals.getSimSwapSignal(swapped.phoneNumber)).toEqual(swapped);
      expect(await signals.getSimSwapSignal(clean.phoneNumber)).toEqual(clean);
      expect(await signals.getSimSwapSignal('+27821239003')).toBeNull();
      const snapshot = await store.readSnapshot(uniqueId('user'), clean.phoneNumber, snapshotOpts);
      expect(snapshot.simSwap).toEqual(clean);
    });

    it('applies a history update once, however often it is delivered', async () => {
      const store = makeStore().forTenant('bank-a');
      const userId = uniqueId('user');
      const update = anUpdate(userId, 'd-1', at(0));
      await store.applyHistory(update);
      await store.applyHistory(update);
      const { history } = await store.readSnapshot(userId, '+27820000000', snapshotOpts);
      expect(history).toEqual({
        recentPayments: [update.payment],
        lastLocation: update.location,
        lastImei: update.imei,
        failedLogins: [],
      });
    });

    it('keeps recent payments newest first, at most HISTORY_WINDOW.maxPayments, within 30 days of the newest', async () => {
      const store = makeStore().forTenant('bank-a');
      const userId = uniqueId('user');
      await store.applyHistory({ userId, payment: aPayment('old', at(-hours(24 * 31))) });
      for (let i = 0; i < 55; i++) {
        // Delivered out of order on purpose: even first, then odd.
        const n = i < 28 ? i * 2 : (i - 28) * 2 + 1;
        await store.applyHistory({ userId, payment: aPayment(`d-${n}`, at(minutes(n))) });
      }
      const { history } = await store.readSnapshot(userId, '+27820000000', snapshotOpts);
      const ids = history.recentPayments.map((p) => p.decisionId);
      expect(ids).toEqual(
        Array.from({ length: HISTORY_WINDOW.maxPayments }, (_, i) => `d-${54 - i}`),
      );
    });

    it('never lets a late, older update replace the last location or IMEI', async () => {
      const store = makeStore().forTenant('bank-a');
      const userId = uniqueId('user');
      const newer = anUpdate(userId, 'd-new', at(hours(1)));
      const older = {
        ...anUpdate(userId, 'd-old', at(0)),
        location: { lat: 1, lon: 1, source: 'IP' as const, at: at(0) },
      };
      await store.applyHistory(newer);
      await store.applyHistory(older);
      const { history } = await store.readSnapshot(userId, '+27820000000', snapshotOpts);
      expect(history.lastLocation).toEqual(newer.location);
      expect(history.recentPayments.map((p) => p.decisionId)).toEqual(['d-new', 'd-old']);
    });

    it('keeps failed logins of the last 24 h, newest first', async () => {
      const store = makeStore().forTenant('bank-a');
      const userId = uniqueId('user');
      await store.applyHistory(anUpdate(userId, 'd-1', at(0)));
      for (const offset of [hours(-30), hours(-2), 0, hours(-1)]) {
        await store.recordFailedLogin(userId, at(offset));
      }
      const { history } = await store.readSnapshot(userId, '+27820000000', snapshotOpts);
      expect(history.failedLogins).toEqual([at(0), at(hours(-1)), at(hours(-2))]);
      expect(history.recentPayments).toHaveLength(1);
    });

    it('answers a readiness ping', async () => {
      await expect(makeStore().ping({ timeoutMs: 5_000 })).resolves.toBeUndefined();
    });
  });
}

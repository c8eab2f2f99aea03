import { describe, expect, it } from 'vitest';
import type { RiskStateStore } from '../ports/risk-state.ts';
import { SIGHTINGS_WINDOW } from '../behavior/merge-sightings.ts';
import { BEHAVIOR_SESSIONS_KEPT } from '../behavior/session-buffer.ts';
import { aBaseline, at, hours, minutes, someSessions, uniqueId } from '@sentinel/contracts/testing';

const opts = { timeoutMs: 5_000 };
const PHONE = '+27820000000';

/**
 * The behavioural half of the `RiskStateStore` contract: sessions, versioned baselines, device
 * sightings and account freezes, and what `readSnapshot` makes of them.
 */
export function runBehaviorStateContract(name: string, makeStore: () => RiskStateStore): void {
  describe(`RiskStateStore behaviour contract: ${name}`, () => {
    describe('sessions', () => {
      it('keeps sessions oldest first, every number exactly as given', async () => {
        const store = makeStore().forTenant('bank-a');
        const userId = uniqueId('user');
        const [first, ...rest] = someSessions(3);
        if (first === undefined) {
          throw new Error('fixture');
        }
        expect(await store.addSessions(userId, [first])).toEqual({
          added: 1,
          total: 1,
          dropped: 0,
        });
        expect(await store.addSessions(userId, rest)).toEqual({ added: 2, total: 3, dropped: 0 });
        const listed = await store.listSessions(userId);
        expect(listed).toEqual([first, ...rest]);
        expect(Object.is(listed[0]?.[0], -0)).toBe(true);
        expect(await store.listSessions(uniqueId('user'))).toEqual([]);
      });

      it(`keeps the newest ${BEHAVIOR_SESSIONS_KEPT}, dropping the oldest`, async () => {
        const store = makeStore().forTenant('bank-a');
        const userId = uniqueId('user');
        const sessions = someSessions(BEHAVIOR_SESSIONS_KEPT + 10, 7);
        await store.addSessions(userId, sessions.slice(0, BEHAVIOR_SESSIONS_KEPT - 5));
        expect(await store.addSessions(userId, sessions.slice(BEHAVIOR_SESSIONS_KEPT - 5))).toEqual(
          { added: 15, total: BEHAVIOR_SESSIONS_KEPT, dropped: 10 },
        );
        expect(await store.listSessions(userId)).toEqual(sessions.slice(10));
      });
    });

    describe('baselines', () => {
      it('assigns versions 1, 2, … and round-trips every number exactly', async () => {
        const store = makeStore().forTenant('bank-a');
        const userId = uniqueId('user');
        const first = aBaseline(12, 1);
        const second = aBaseline(15, 2);
        expect(await store.getBaseline(userId)).toBeNull();
        expect(await store.saveBaseline(userId, first)).toEqual({ ...first, version: 1 });
        expect(await store.saveBaseline(userId, second)).toEqual({ ...second, version: 2 });

        const current = await store.getBaseline(userId);
        expect(current).toEqual({ ...second, version: 2 });
        expect(current?.precision).toHaveLength(second.features.length);
        expect(current?.fittedAt).toBeInstanceOf(Date);
        expect(await store.getBaseline(userId, 1)).toEqual({ ...first, version: 1 });
        expect(await store.getBaseline(userId, 3)).toBeNull();
        const { baseline } = await store.readSnapshot(userId, PHONE, opts);
        expect(baseline).toEqual({ ...second, version: 2 });
      });
    });

    describe('device sightings', () => {
      const sighting = (
        deviceId: string,
        userId: string,
        offsetMs: number,
        decisionId?: string,
      ) => ({
        deviceId,
        userId,
        at: at(offsetMs),
        decisionId: decisionId ?? uniqueId('d'),
        // The device is bound to user-b only: the flag travels with each account's sighting.
        bound: userId === 'user-b',
      });

      it('reads the payment device’s sightings newest first, once per decision, bound or not', async () => {
        const store = makeStore().forTenant('bank-a');
        const device = uniqueId('device');
        const a = sighting(device, 'user-a', 0);
        const b = sighting(device, 'user-b', minutes(5));
        await store.recordSighting(a);
        await store.recordSighting(b);
        await store.recordSighting(a);
        await store.recordSighting(sighting(uniqueId('other-device'), 'user-c', minutes(6)));
        const snapshot = await store.readSnapshot('user-b', PHONE, { ...opts, deviceId: device });
        expect(snapshot.deviceSightings).toEqual([
          { userId: 'user-b', deviceId: device, at: b.at, bound: true },
          { userId: 'user-a', deviceId: device, at: a.at, bound: false },
        ]);
        const without = await store.readSnapshot('user-b', PHONE, opts);
        expect(without.deviceSightings).toEqual([]);
      });

      it('keeps the newest sighting per account: a customer paying often does not crowd out others', async () => {
        const store = makeStore().forTenant('bank-a');
        const device = uniqueId('device');
        await store.recordSighting(sighting(device, 'user-a', 0));
        const first = sighting(device, 'user-b', minutes(1));
        await store.recordSighting(first);
        for (let i = 1; i <= SIGHTINGS_WINDOW.maxSightings + 5; i++) {
          await store.recordSighting(sighting(device, 'user-b', minutes(1) + i * 1_000));
        }
        await store.recordSighting(first); // a re-delivered older decision changes nothing
        const { deviceSightings } = await store.readSnapshot('user-b', PHONE, {
          ...opts,
          deviceId: device,
        });
        expect(deviceSightings).toEqual([
          {
            userId: 'user-b',
            deviceId: device,
            at: at(minutes(1) + (SIGHTINGS_WINDOW.maxSightings + 5) * 1_000),
            bound: true,
          },
          { userId: 'user-a', deviceId: device, at: at(0), bound: false },
        ]);
      });

      it('prunes sightings older than the window before the newest, and caps their number', async () => {
        const store = makeStore().forTenant('bank-a');
        const device = uniqueId('device');
        const { maxAgeMs, maxSightings } = SIGHTINGS_WINDOW;
        await store.recordSighting(sighting(device, 'old', -maxAgeMs - 1));
        await store.recordSighting(sighting(device, 'edge', -maxAgeMs));
        await store.recordSighting(sighting(device, 'now', 0));
        let { deviceSightings } = await store.readSnapshot('x', PHONE, {
          ...opts,
          deviceId: device,
        });
        expect(deviceSightings.map((s) => s.userId)).toEqual(['now', 'edge']);

        for (let i = 1; i <= maxSightings + 5; i++) {
          await store.recordSighting(sighting(device, `user-${i}`, i * 1_000));
        }
        ({ deviceSightings } = await store.readSnapshot('x', PHONE, { ...opts, deviceId: device }));
        expect(deviceSightings.map((s) => s.userId)).toEqual(
          Array.from({ length: maxSightings }, (_, i) => `user-${maxSightings + 5 - i}`),
        );
      });
    });

    describe('account freezes', () => {
      it('freezes once, keeps the first freeze, and shows it to the hot path', async () => {
        const store = makeStore().forTenant('bank-a');
        const userId = uniqueId('user');
        expect(await store.getAccountFreeze(userId)).toEqual({ frozen: false });
        const order = { userId, decisionId: 'd-1', reason: 'BEHAVIOR_ANOMALY', at: at(0) };
        await store.freezeAccount(order);
        await store.freezeAccount({ ...order, decisionId: 'd-2', at: at(minutes(1)) });
        expect(await store.getAccountFreeze(userId)).toEqual({
          frozen: true,
          frozenAt: at(0),
          decisionId: 'd-1',
          reason: 'BEHAVIOR_ANOMALY',
        });
        expect((await store.readSnapshot(userId, PHONE, opts)).accountFrozen).toBe(true);
      });

      it('unfreezes idempotently, and a re-delivered older freeze does not undo it', async () => {
        const store = makeStore().forTenant('bank-a');
        const userId = uniqueId('user');
        const freeze = { userId, decisionId: 'd-1', reason: 'FLEET_ANOMALY', at: at(0) };
        await store.freezeAccount(freeze);
        const unfreeze = { userId, by: 'analyst', at: at(hours(1)), comment: 'customer called' };
        const expected = {
          frozen: false,
          frozenAt: at(0),
          decisionId: 'd-1',
          reason: 'FLEET_ANOMALY',
          unfrozenAt: at(hours(1)),
          unfrozenBy: 'analyst',
          comment: 'customer called',
        };
        expect(await store.unfreezeAccount(unfreeze)).toEqual(expected);
        expect(await store.unfreezeAccount({ ...unfreeze, at: at(hours(2)) })).toEqual(expected);

        await store.freezeAccount(freeze);
        await store.freezeAccount({ ...freeze, decisionId: 'd-2', at: at(hours(1)) });
        expect(await store.getAccountFreeze(userId)).toEqual(expected);
        expect((await store.readSnapshot(userId, PHONE, opts)).accountFrozen).toBe(false);

        await store.freezeAccount({ ...freeze, decisionId: 'd-3', at: at(hours(1) + 1) });
        expect(await store.getAccountFreeze(userId)).toEqual({
          frozen: true,
          frozenAt: at(hours(1) + 1),
          decisionId: 'd-3',
          reason: 'FLEET_ANOMALY',
        });
      });

      it('answers an unfreeze of an account that was never frozen with its state', async () => {
        const store = makeStore().forTenant('bank-a');
        const userId = uniqueId('user');
        expect(await store.unfreezeAccount({ userId, by: 'analyst', at: at(0) })).toEqual({
          frozen: false,
        });
      });
    });
  });
}

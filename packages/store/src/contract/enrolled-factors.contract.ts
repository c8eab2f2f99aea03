import { aProfile, at, minutes, uniqueId } from '@sentinel/contracts/testing';
import { describe, expect, it } from 'vitest';
import {
  noFactors,
  type CustomerFactors,
  type CustomerFactorsRecord,
  type StoredPasskey,
} from '../ports/customer-factors.ts';
import type { RiskStateStore } from '../ports/risk-state.ts';
import type { ForTenant } from '../ports/tenancy.ts';

function aPasskey(id: string): StoredPasskey {
  return {
    id,
    publicKey: new Uint8Array([165, 1, 2, 3]),
    counter: 0,
    transports: ['internal'],
    deviceType: 'multiDevice',
    backedUp: true,
    createdAt: at(0),
  };
}

const confirmedTotp = { secretCiphertext: 'c2VhbGVk', confirmedAt: at(0), consecutiveFailures: 0 };

/** A risk state store and the auth service's factors, composed on the same data. */
export interface SharedFactors {
  readonly state: RiskStateStore;
  readonly factors: ForTenant<CustomerFactors>;
}

/**
 * Risk-api reads the customer's enrolled factors from the auth service's record in its one
 * snapshot read (issue 11, item 7): the record wins once it exists, the bank's declared list is
 * the fallback for customers the auth service never saw, and a locked factor does not count.
 */
export function runEnrolledFactorsContract(name: string, make: () => SharedFactors): void {
  describe(`enrolled factors in the risk snapshot: ${name}`, () => {
    const opts = { timeoutMs: 5_000 };
    const setUp = async (declared: readonly ('WEBAUTHN' | 'TOTP')[]) => {
      const { state, factors } = make();
      const tenant = `bank-${uniqueId('t').slice(-12)}`;
      const profile = { ...aProfile(), enrolledFactors: declared };
      await state.forTenant(tenant).putProfile(profile);
      const write = (record: Omit<CustomerFactorsRecord, 'userId'>) =>
        factors.forTenant(tenant).update(profile.userId, () => ({
          write: { ...record, userId: profile.userId },
          result: null,
        }));
      const read = () =>
        state.forTenant(tenant).readSnapshot(profile.userId, profile.phoneNumber, opts);
      return { state, factors, tenant, profile, write, read };
    };

    it('falls back to the bank’s declared list for a customer the auth service never saw', async () => {
      const { profile, read } = await setUp(['WEBAUTHN', 'TOTP']);
      const snapshot = await read();
      expect(snapshot.profile).toEqual(profile);
      expect(snapshot.enrolledFactors).toEqual({
        source: 'BANK_DECLARED',
        methods: ['WEBAUTHN', 'TOTP'],
        locked: [],
      });
    });

    it('counts what the auth service holds once it has a record, whatever the bank declared', async () => {
      const { profile, write, read } = await setUp(['TOTP']);
      await write({ ...noFactors(''), passkeys: [aPasskey('cred-1')] });
      const snapshot = await read();
      expect(snapshot.enrolledFactors).toEqual({
        source: 'AUTH_SERVICE',
        methods: ['WEBAUTHN'],
        locked: [],
      });
      // The engine sees the same list in the profile; the rest of the profile is the bank's.
      expect(snapshot.profile).toEqual({ ...profile, enrolledFactors: ['WEBAUTHN'] });
    });

    it('stops counting a deleted passkey: no factor left, not the declared list', async () => {
      const { write, read } = await setUp(['WEBAUTHN']);
      await write({ ...noFactors(''), passkeys: [aPasskey('cred-1')], totp: confirmedTotp });
      expect((await read()).enrolledFactors.methods).toEqual(['WEBAUTHN', 'TOTP']);
      await write({ ...noFactors(''), totp: confirmedTotp });
      expect((await read()).enrolledFactors.methods).toEqual(['TOTP']);
      await write(noFactors(''));
      const snapshot = await read();
      expect(snapshot.enrolledFactors).toEqual({ source: 'AUTH_SERVICE', methods: [], locked: [] });
      expect(snapshot.profile?.enrolledFactors).toEqual([]);
    });

    it('does not count a TOTP enrolment never confirmed with a first code', async () => {
      const { write, read } = await setUp(['TOTP']);
      await write({
        ...noFactors(''),
        totp: { secretCiphertext: 'c2VhbGVk', consecutiveFailures: 0 },
      });
      expect((await read()).enrolledFactors).toEqual({
        source: 'AUTH_SERVICE',
        methods: [],
        locked: [],
      });
    });

    it.each([
      {
        locks: 'the passkeys',
        record: { passkeyLockedAt: at(minutes(1)) },
        methods: ['TOTP'],
        locked: ['WEBAUTHN'],
      },
      {
        locks: 'the TOTP factor',
        record: { totp: { ...confirmedTotp, consecutiveFailures: 100, lockedAt: at(minutes(1)) } },
        methods: ['WEBAUTHN'],
        locked: ['TOTP'],
      },
    ])('does not count a locked factor: a lock on $locks', async ({ record, methods, locked }) => {
      const { write, read } = await setUp(['WEBAUTHN', 'TOTP']);
      await write({
        ...noFactors(''),
        passkeys: [aPasskey('cred-1'), aPasskey('cred-2')],
        totp: confirmedTotp,
        passkeyFailures: 100,
        ...record,
      });
      const snapshot = await read();
      expect(snapshot.enrolledFactors).toEqual({ source: 'AUTH_SERVICE', methods, locked });
      expect(snapshot.profile?.enrolledFactors).toEqual(methods);
    });

    it('reads the factors of the tenant asking only', async () => {
      const { state, factors, tenant, profile, read } = await setUp(['TOTP']);
      const other = `${tenant}-b`;
      await state.forTenant(other).putProfile(profile);
      await factors.forTenant(other).update(profile.userId, () => ({
        write: { ...noFactors(profile.userId), passkeys: [aPasskey('cred-b')] },
        result: null,
      }));
      expect((await read()).enrolledFactors).toEqual({
        source: 'BANK_DECLARED',
        methods: ['TOTP'],
        locked: [],
      });
      const theirs = await state
        .forTenant(other)
        .readSnapshot(profile.userId, profile.phoneNumber, opts);
      expect(theirs.enrolledFactors.methods).toEqual(['WEBAUTHN']);
    });

    it('reports the record of a customer the bank has no profile for, with no profile', async () => {
      const { state, factors, tenant } = await setUp([]);
      const userId = uniqueId('user');
      await factors.forTenant(tenant).update(userId, () => ({
        write: { ...noFactors(userId), passkeys: [aPasskey('cred-1')] },
        result: null,
      }));
      const snapshot = await state.forTenant(tenant).readSnapshot(userId, '+27820000001', opts);
      expect(snapshot.profile).toBeNull();
      expect(snapshot.enrolledFactors).toEqual({
        source: 'AUTH_SERVICE',
        methods: ['WEBAUTHN'],
        locked: [],
      });
    });
  });
}

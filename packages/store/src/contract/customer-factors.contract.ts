import { at, minutes, uniqueId } from '@sentinel/contracts/testing';
import { describe, expect, it } from 'vitest';
import {
  enrolledFactorMethods,
  noFactors,
  type CustomerFactors,
  type CustomerFactorsRecord,
} from '../ports/customer-factors.ts';
import type { ForTenant } from '../ports/tenancy.ts';

function aFullRecord(userId: string): CustomerFactorsRecord {
  return {
    userId,
    passkeys: [
      {
        id: 'cred-1_base64url',
        publicKey: new Uint8Array([165, 1, 2, 3, 38, 0, 255]),
        counter: 7,
        transports: ['internal', 'hybrid'],
        deviceType: 'multiDevice',
        backedUp: true,
        createdAt: at(0),
        lastUsedAt: at(minutes(3)),
        name: 'Pixel',
      },
      {
        id: 'cred-2',
        publicKey: new Uint8Array([1]),
        counter: 0,
        transports: [],
        deviceType: 'singleDevice',
        backedUp: false,
        createdAt: at(minutes(1)),
      },
    ],
    totp: {
      secretCiphertext: 'aXYxMjM0NTY3ODkw',
      confirmedAt: at(minutes(2)),
      lastUsedStep: 59_000_123,
      consecutiveFailures: 2,
      lockedAt: at(minutes(4)),
    },
    passkeyFailures: 3,
    passkeyLockedAt: at(minutes(5)),
    pendingRegistration: { challenge: 'abc_-', expiresAt: at(minutes(6)) },
  };
}

/**
 * The `CustomerFactors` contract, tenant isolation included. `makeFactors` may share one backing
 * store between tests: every test uses its own tenants and user ids.
 */
export function runCustomerFactorsContract(
  name: string,
  makeFactors: () => ForTenant<CustomerFactors>,
): void {
  describe(`CustomerFactors contract: ${name}`, () => {
    const setUp = () => {
      const store = makeFactors();
      const suffix = uniqueId('t').slice(-12);
      return {
        a: store.forTenant(`bank-a-${suffix}`),
        b: store.forTenant(`bank-b-${suffix}`),
        userId: uniqueId('user'),
      };
    };

    it('reads a customer without factors as no factors, nothing enrolled', async () => {
      const { a, userId } = setUp();
      const record = await a.get(userId);
      expect(record).toEqual(noFactors(userId));
      expect(enrolledFactorMethods(record)).toEqual([]);
    });

    it('writes a record and reads back every field, bytes and dates included', async () => {
      const { a, userId } = setUp();
      const full = aFullRecord(userId);
      expect(await a.update(userId, () => ({ write: full, result: 'written' }))).toBe('written');
      const read = await a.get(userId);
      expect(read).toEqual(full);
      expect(read.passkeys[0]?.publicKey).toBeInstanceOf(Uint8Array);
      expect(read.passkeys[0]?.createdAt).toBeInstanceOf(Date);
      expect(enrolledFactorMethods(read)).toEqual(['WEBAUTHN', 'TOTP']);
    });

    it('hands the change the current record, and writes nothing when the change says so', async () => {
      const { a, userId } = setUp();
      await a.update(userId, () => ({ write: aFullRecord(userId), result: null }));
      const seen = await a.update(userId, (current) => ({ result: current.passkeyFailures }));
      expect(seen).toBe(3);
      expect(await a.get(userId)).toEqual(aFullRecord(userId));
    });

    it('removes optional fields a change leaves out', async () => {
      const { a, userId } = setUp();
      await a.update(userId, () => ({ write: aFullRecord(userId), result: null }));
      await a.update(userId, (current) => {
        const { pendingRegistration: _p, totp: _t, passkeyLockedAt: _l, ...rest } = current;
        return { write: { ...rest, passkeys: rest.passkeys.slice(1) }, result: null };
      });
      const read = await a.get(userId);
      expect(read).not.toHaveProperty('pendingRegistration');
      expect(read).not.toHaveProperty('totp');
      expect(read).not.toHaveProperty('passkeyLockedAt');
      expect(read.passkeys.map((p) => p.id)).toEqual(['cred-2']);
    });

    it('serialises concurrent updates of one customer: no increment is lost', async () => {
      const { a, userId } = setUp();
      const increments = 4;
      await Promise.all(
        Array.from({ length: increments }, () =>
          a.update(userId, (current) => ({
            write: { ...current, passkeyFailures: current.passkeyFailures + 1 },
            result: null,
          })),
        ),
      );
      expect((await a.get(userId)).passkeyFailures).toBe(increments);
    });

    it('never copies a caller’s later mutation into the store', async () => {
      const { a, userId } = setUp();
      const full = aFullRecord(userId);
      await a.update(userId, () => ({ write: full, result: null }));
      full.passkeys[0]?.publicKey.fill(0);
      const read = await a.get(userId);
      expect(read.passkeys[0]?.publicKey).toEqual(new Uint8Array([165, 1, 2, 3, 38, 0, 255]));
    });

    it('keeps tenants apart: the same userId at another tenant has its own factors', async () => {
      const { a, b, userId } = setUp();
      await a.update(userId, () => ({ write: aFullRecord(userId), result: null }));
      expect(await b.get(userId)).toEqual(noFactors(userId));
      await b.update(userId, (current) => ({
        write: { ...current, passkeyFailures: 42 },
        result: null,
      }));
      expect(await a.get(userId)).toEqual(aFullRecord(userId));
      expect((await b.get(userId)).passkeyFailures).toBe(42);
      expect((await b.get(userId)).passkeys).toEqual([]);
    });
  });
}

import type { DocumentReference, Firestore } from '@google-cloud/firestore';
import type {
  CustomerFactors,
  CustomerFactorsRecord,
  FactorsChange,
} from '../ports/customer-factors.ts';
import { noFactors } from '../ports/customer-factors.ts';
import type { ForTenant, TenantId } from '../ports/tenancy.ts';
import { COLLECTIONS, tenantRoot } from './collections.ts';
import { CustomerFactorsDoc } from './factors-doc.ts';
import { parseOptional } from './parse-document.ts';
import { storable } from './storable.ts';

/**
 * `CustomerFactors` on Firestore: one document per customer, `tenants/{t}/factors/{userId}`,
 * changed in a transaction so two ceremonies of one customer (a counter, a spent TOTP step)
 * never overwrite each other.
 */
export class FirestoreCustomerFactors implements ForTenant<CustomerFactors> {
  readonly #db: Firestore;

  constructor(db: Firestore) {
    this.#db = db;
  }

  forTenant(tenant: TenantId): CustomerFactors {
    const root = tenantRoot(this.#db, tenant);
    const doc = (userId: string): DocumentReference =>
      root.collection(COLLECTIONS.factors).doc(userId);
    return {
      get: async (userId) => read(userId, await doc(userId).get()),
      update: <T>(
        userId: string,
        change: (current: CustomerFactorsRecord) => FactorsChange<T>,
      ): Promise<T> =>
        this.#db.runTransaction(async (tx) => {
          const ref = doc(userId);
          const { write, result } = change(read(userId, await tx.get(ref)));
          if (write !== undefined) {
            tx.set(ref, storable({ ...write, passkeys: write.passkeys.map(withBuffer) }));
          }
          return result;
        }),
    };
  }
}

function read(
  userId: string,
  snapshot: Parameters<typeof parseOptional>[1],
): CustomerFactorsRecord {
  return parseOptional(CustomerFactorsDoc, snapshot) ?? noFactors(userId);
}

// The client stores a Buffer as bytes; a bare Uint8Array would be written as a map of numbers.
function withBuffer<P extends { readonly publicKey: Uint8Array }>(passkey: P): P {
  return { ...passkey, publicKey: Buffer.from(passkey.publicKey) };
}

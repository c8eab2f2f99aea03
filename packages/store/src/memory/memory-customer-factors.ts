import type {
  CustomerFactors,
  CustomerFactorsRecord,
  FactorsChange,
  FactorsEnrolment,
} from '../ports/customer-factors.ts';
import { noFactors } from '../ports/customer-factors.ts';
import type { ForTenant, TenantId } from '../ports/tenancy.ts';
import { checkTenantId } from '../ports/tenancy.ts';

/**
 * `CustomerFactors` in memory, for tests and `npm start` without emulators. Records are copied in
 * and out (`structuredClone` keeps Dates and bytes), so a caller never mutates what is stored.
 */
export class MemoryCustomerFactors implements ForTenant<CustomerFactors> {
  readonly #records = new Map<string, CustomerFactorsRecord>();

  forTenant(tenant: TenantId): CustomerFactors {
    const prefix = `${checkTenantId(tenant)}/`;
    const records = this.#records;
    return {
      get: (userId) => Promise.resolve(read(records, prefix + userId, userId)),
      update: <T>(
        userId: string,
        change: (current: CustomerFactorsRecord) => FactorsChange<T>,
      ): Promise<T> => {
        const { write, result } = change(read(records, prefix + userId, userId));
        if (write !== undefined) {
          records.set(prefix + userId, structuredClone(write));
        }
        return Promise.resolve(result);
      },
    };
  }

  /**
   * The stored record as it is, for a risk state store composed on this one (its snapshot reads
   * what the auth service wrote); null when the customer was never stored. Not a copy: read only.
   */
  enrolment(tenant: TenantId, userId: string): FactorsEnrolment | null {
    return this.#records.get(`${tenant}/${userId}`) ?? null;
  }
}

function read(
  records: ReadonlyMap<string, CustomerFactorsRecord>,
  key: string,
  userId: string,
): CustomerFactorsRecord {
  const stored = records.get(key);
  return stored === undefined ? noFactors(userId) : structuredClone(stored);
}

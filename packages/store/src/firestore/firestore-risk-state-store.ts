import { batchedWritesOf } from './batched-writes.ts';
import type { SimSwapSignal } from '@sentinel/engine';
import type { DocumentReference, Firestore } from '@google-cloud/firestore';
import { systemClock, type Clock } from '@sentinel/kernel';
import type { RiskStateStore } from '../ports/risk-state.ts';
import type { TenantId } from '../ports/tenancy.ts';
import { COLLECTIONS, tenantRoot } from './collections.ts';
import type { DocumentForm } from './document-form.ts';
import { FirestoreTenantState } from './firestore-tenant-state.ts';
import { parseOptional } from './parse-document.ts';
import { SimSwapSignalDoc } from './schemas.ts';
import { storable } from './storable.ts';
import { storeCall } from './store-call.ts';

/**
 * The risk state on Firestore: the platform-wide `simSwapSignals/{E.164}` (telco facts, shared by
 * every tenant) and, through `forTenant`, each tenant's documents under `tenants/{tenant}/`
 * (firestore-tenant-state.ts). Tenants are the configured API clients, so one view per tenant is
 * kept for the life of the process.
 */
export class FirestoreRiskStateStore implements RiskStateStore {
  readonly #db: Firestore;
  readonly #baselineCacheEntries: number | undefined;
  readonly #tenants = new Map<TenantId, FirestoreTenantState>();

  readonly #clock: Pick<Clock, 'setTimer'>;

  readonly #documentForm: DocumentForm | undefined;

  /**
   * `clock` times the deadlines of hot-path reads (default: the system clock); `documentForm`: how
   * customers' histories are written (document-form.ts; default text).
   */
  constructor(
    db: Firestore,
    opts: {
      readonly baselineCacheEntries?: number;
      readonly clock?: Pick<Clock, 'setTimer'>;
      readonly documentForm?: DocumentForm;
    } = {},
  ) {
    this.#db = db;
    this.#documentForm = opts.documentForm;
    this.#baselineCacheEntries = opts.baselineCacheEntries;
    this.#clock = opts.clock ?? systemClock;
  }

  forTenant(tenant: TenantId): FirestoreTenantState {
    let state = this.#tenants.get(tenant);
    if (state === undefined) {
      state = new FirestoreTenantState(
        this.#db,
        tenantRoot(this.#db, tenant),
        (phoneNumber) => this.#signal(phoneNumber),
        {
          clock: this.#clock,
          baselineCacheEntries: this.#baselineCacheEntries,
          writes: batchedWritesOf(this.#db, { clock: this.#clock }),
          documentForm: this.#documentForm,
        },
      );
      this.#tenants.set(tenant, state);
    }
    return state;
  }

  async getSimSwapSignal(phoneNumber: string): Promise<SimSwapSignal | null> {
    return parseOptional(SimSwapSignalDoc, await this.#signal(phoneNumber).get());
  }

  async putSimSwapSignal(signal: SimSwapSignal): Promise<void> {
    await this.#signal(signal.phoneNumber).set(storable(signal));
  }

  ping(opts: { readonly timeoutMs: number }): Promise<void> {
    // Any single-document read proves the round trip; a missing document costs one read.
    return storeCall(
      'readiness ping',
      { timeoutMs: opts.timeoutMs, clock: this.#clock },
      async () => {
        await this.#db.getAll(this.#signal('readiness-probe'));
      },
    );
  }

  #signal(phoneNumber: string): DocumentReference {
    return this.#db.collection(COLLECTIONS.simSwapSignals).doc(phoneNumber);
  }
}

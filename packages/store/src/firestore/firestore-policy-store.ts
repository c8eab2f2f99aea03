import type { PolicyDocument } from '@sentinel/engine';
import type {
  CollectionReference,
  DocumentReference,
  DocumentSnapshot,
  Firestore,
} from '@google-cloud/firestore';
import type {
  PolicyChange,
  PolicyRevision,
  PolicyStore,
  PutPolicyResult,
  PolicyStores,
} from '../ports/policy-store.ts';
import type { TenantId } from '../ports/tenancy.ts';
import { ACTIVE_POLICY_ID, COLLECTIONS, revisionId, tenantRoot } from './collections.ts';
import { parseDocument } from './parse-document.ts';
import { PolicyRevisionDoc } from './schemas.ts';
import { storable } from './storable.ts';

/**
 * `PolicyStore` on Firestore: `policies/active` (what every instance polls) and one immutable
 * `policyRevisions/{version}` per accepted change, written together in a transaction — at the top
 * level for the platform default, under `tenants/{tenant}/` for a tenant's override.
 */
export class FirestorePolicyStore implements PolicyStore {
  readonly #db: Firestore;
  readonly #tenant: TenantId | undefined;

  /** Without `tenant`: the platform default. */
  constructor(db: Firestore, tenant?: TenantId) {
    this.#db = db;
    this.#tenant = tenant;
  }

  async getActive(): Promise<PolicyRevision | null> {
    const snapshot = await this.#active().get();
    return snapshot.exists ? toRevision(snapshot) : null;
  }

  put(policy: Omit<PolicyDocument, 'version'>, meta: PolicyChange): Promise<PutPolicyResult> {
    // The transaction reads `active` before writing it, so two concurrent editors serialise:
    // the second one retries, sees the new version and gets VERSION_CONFLICT (or version + 2).
    return this.#db.runTransaction(async (tx): Promise<PutPolicyResult> => {
      const active = await tx.get(this.#active());
      const currentVersion = active.exists ? parseDocument(PolicyRevisionDoc, active).version : 0;
      if (meta.expectedVersion !== undefined && meta.expectedVersion !== currentVersion) {
        return { ok: false, reason: 'VERSION_CONFLICT', currentVersion };
      }
      const version = currentVersion + 1;
      const data = storable({
        policyJson: JSON.stringify({ ...policy, version }),
        version,
        author: meta.author,
        updatedAt: meta.at,
        ...(meta.comment === undefined ? {} : { comment: meta.comment }),
      });
      tx.set(this.#active(), data);
      tx.create(this.#collection(COLLECTIONS.policyRevisions).doc(revisionId(version)), data);
      const revision: PolicyRevision = {
        policy: { ...(JSON.parse(data.policyJson) as PolicyDocument) },
        author: meta.author,
        updatedAt: new Date(meta.at),
        ...(meta.comment === undefined ? {} : { comment: meta.comment }),
      };
      return { ok: true, revision };
    });
  }

  async history(limit: number): Promise<readonly PolicyRevision[]> {
    if (limit <= 0) {
      return [];
    }
    const revisions = await this.#collection(COLLECTIONS.policyRevisions)
      .orderBy('version', 'desc')
      .limit(limit)
      .get();
    return revisions.docs.map(toRevision);
  }

  #active(): DocumentReference {
    return this.#collection(COLLECTIONS.policies).doc(ACTIVE_POLICY_ID);
  }

  #collection(name: string): CollectionReference {
    return this.#tenant === undefined
      ? this.#db.collection(name)
      : tenantRoot(this.#db, this.#tenant).collection(name);
  }
}

/** `PolicyStores` on Firestore: the platform default and one `FirestorePolicyStore` per tenant. */
export class FirestorePolicyStores implements PolicyStores {
  readonly platform: FirestorePolicyStore;
  readonly #db: Firestore;
  readonly #tenants = new Map<TenantId, FirestorePolicyStore>();

  constructor(db: Firestore) {
    this.#db = db;
    this.platform = new FirestorePolicyStore(db);
  }

  forTenant(tenant: TenantId): FirestorePolicyStore {
    let store = this.#tenants.get(tenant);
    if (store === undefined) {
      tenantRoot(this.#db, tenant); // validates the id before it is kept
      store = new FirestorePolicyStore(this.#db, tenant);
      this.#tenants.set(tenant, store);
    }
    return store;
  }
}

function toRevision(snapshot: DocumentSnapshot): PolicyRevision {
  const doc = parseDocument(PolicyRevisionDoc, snapshot);
  return {
    policy: { ...doc.policyJson, version: doc.version },
    author: doc.author,
    updatedAt: doc.updatedAt,
    ...(doc.comment === undefined ? {} : { comment: doc.comment }),
  };
}

import {
  FieldPath,
  type DocumentData,
  type DocumentReference,
  type DocumentSnapshot,
  type Firestore,
} from '@google-cloud/firestore';
import { checkTenantId, type TenantId } from '../ports/tenancy.ts';
import { COLLECTIONS, tenantRoot } from './collections.ts';

/** The pre-tenancy, top-level collections of customer data, moved whole to one tenant. */
const CUSTOMER_COLLECTIONS = [
  COLLECTIONS.users,
  COLLECTIONS.userHistory,
  COLLECTIONS.behaviorSessions,
  COLLECTIONS.behaviorBaselines,
  COLLECTIONS.accountFreezes,
  COLLECTIONS.deviceSightings,
] as const;

const PAGE = 300;

interface Writer {
  set(ref: DocumentReference, data: DocumentData): void;
  update(ref: DocumentReference, data: DocumentData): void;
}

export interface MigrationOptions {
  /** The tenant that owns the top-level customer documents (decisions know their own). */
  readonly tenant: TenantId;
  /** Without it, nothing is written: the report says what would be copied. */
  readonly apply: boolean;
  /** Also delete the old top-level documents (after a checked run with `apply`). */
  readonly deleteOld: boolean;
}

/** How many documents (with their subcollections' documents) each collection moved. */
export type MigrationReport = Record<string, number>;

/**
 * Moves a pre-tenancy database to the tenant layout (docs/architecture.md, "Migrating documents to
 * the tenant layout"): customer collections to `tenants/{tenant}/…`, each decision and its
 * idempotency claim to its own tenant (the record's `clientId`), and the tenant onto each outbox
 * entry. Writes are `set`s of the same data, so a run can be repeated.
 */
export async function migrateToTenants(
  db: Firestore,
  opts: MigrationOptions,
): Promise<MigrationReport> {
  const target = tenantRoot(db, checkTenantId(opts.tenant));
  const bulk = db.bulkWriter();
  // Each write's own promise carries its failure; all are awaited after the writer closes.
  const writes: Promise<unknown>[] = [];
  const writer: Writer = {
    set: (ref, data) => writes.push(bulk.set(ref, data)),
    update: (ref, data) => writes.push(bulk.update(ref, data)),
  };
  const report: MigrationReport = {};
  const moved: DocumentReference[] = [];
  const count = (name: string, n = 1) => {
    report[name] = (report[name] ?? 0) + n;
  };

  for (const name of CUSTOMER_COLLECTIONS) {
    for await (const doc of everyDocument(db, name)) {
      count(name, await copyTree(doc, target.collection(name).doc(doc.id), writer, opts.apply));
      moved.push(doc.ref);
    }
  }
  const tenantOf = new Map<string, TenantId>();
  for await (const doc of pages(db, COLLECTIONS.decisions)) {
    const tenant = checkTenantId(String(doc.get('clientId')));
    tenantOf.set(doc.id, tenant);
    count(COLLECTIONS.decisions);
    if (opts.apply) {
      writer.set(
        tenantRoot(db, tenant).collection(COLLECTIONS.decisions).doc(doc.id),
        doc.data() ?? {},
      );
    }
    moved.push(doc.ref);
  }
  for await (const doc of pages(db, COLLECTIONS.idempotency)) {
    const tenant = tenantOf.get(String(doc.get('decisionId')));
    if (tenant === undefined) {
      count('idempotency without decision (left in place)');
      continue;
    }
    count(COLLECTIONS.idempotency);
    if (opts.apply) {
      writer.set(
        tenantRoot(db, tenant).collection(COLLECTIONS.idempotency).doc(doc.id),
        doc.data() ?? {},
      );
    }
    moved.push(doc.ref);
  }
  for await (const doc of pages(db, COLLECTIONS.outbox)) {
    const tenant = tenantOf.get(String(doc.get('decisionId')));
    if (tenant !== undefined && doc.get('tenant') === undefined) {
      count(COLLECTIONS.outbox);
      if (opts.apply) {
        writer.update(doc.ref, { tenant });
      }
    }
  }
  await bulk.close();
  await Promise.all(writes);
  if (opts.apply && opts.deleteOld) {
    for (const ref of moved) {
      await db.recursiveDelete(ref);
    }
    report['deleted'] = moved.length;
  }
  return report;
}

/** Every document of a top-level collection, in id order, a page at a time. */
async function* pages(db: Firestore, name: string): AsyncGenerator<DocumentSnapshot> {
  let last: DocumentSnapshot | undefined;
  for (;;) {
    let query = db.collection(name).orderBy(FieldPath.documentId()).limit(PAGE);
    if (last !== undefined) {
      query = query.startAfter(last);
    }
    const page = await query.get();
    yield* page.docs;
    if (page.size < PAGE) {
      return;
    }
    last = page.docs.at(-1);
  }
}

/**
 * Every document of a top-level collection, including "missing" ones that exist only as the parent
 * of a subcollection (a baseline's versions), which queries do not return.
 */
async function* everyDocument(db: Firestore, name: string): AsyncGenerator<DocumentSnapshot> {
  const refs = await db.collection(name).listDocuments();
  for (let i = 0; i < refs.length; i += PAGE) {
    yield* await db.getAll(...refs.slice(i, i + PAGE));
  }
}

/** Copies a document and every subcollection below it; returns how many documents it copied. */
async function copyTree(
  from: DocumentSnapshot,
  to: DocumentReference,
  writer: Writer,
  apply: boolean,
): Promise<number> {
  let copied = 0;
  if (from.exists) {
    copied++;
    if (apply) {
      writer.set(to, from.data() ?? {});
    }
  }
  for (const sub of await from.ref.listCollections()) {
    for (const child of (await sub.get()).docs) {
      copied += await copyTree(child, to.collection(sub.id).doc(child.id), writer, apply);
    }
  }
  return copied;
}

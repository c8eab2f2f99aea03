// firestore.indexes.json against the queries the deployed code makes. Production Firestore refuses
// a query without its index; the emulators the integration tests use do not, so this is the check.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findQueries, sourceFiles, type FoundQuery } from './support/firestore-queries.ts';
import { missingIndexes, type IndexFile } from './support/index-requirements.ts';

const ROOT = join(import.meta.dirname, '..', '..');
/** Everything that runs against production Firestore (the CAMARA simulator does not). */
const DEPLOYED = [
  'packages/store/src',
  'packages/telco/src',
  'packages/contracts/src',
  'packages/kernel/src',
  'services/risk-api/src',
  'services/auth/src',
  'services/escrow/src',
  'services/telco-ingestion/src',
];
const scan = findQueries(ROOT, sourceFiles(ROOT, DEPLOYED));
const file = JSON.parse(readFileSync(join(ROOT, 'firestore.indexes.json'), 'utf8')) as IndexFile;

function without(
  predicate: (entry: { collectionGroup: string; fieldPath?: string }) => boolean,
): IndexFile {
  return {
    indexes: file.indexes.filter((i) => !predicate(i)),
    fieldOverrides: file.fieldOverrides.filter((o) => !predicate(o)),
  };
}

describe('firestore.indexes.json', () => {
  it('finds the queries that need more than the automatic indexes', () => {
    const summary = scan.queries.map((q) => `${q.scope} ${q.collection}`);
    expect(summary).toEqual(
      expect.arrayContaining([
        'COLLECTION_GROUP challenges',
        'COLLECTION_GROUP escrows',
        'COLLECTION escrows',
        'COLLECTION outbox',
        'COLLECTION outboxEntries',
      ]),
    );
    expect(scan.queries.length).toBeGreaterThanOrEqual(10);
  });

  it('names the collection of every filtered or ordered query (but a one-off migration)', () => {
    // The tenant migration pages through each top-level collection by document id: the automatic
    // index serves it, whatever the collection.
    expect(scan.unresolved).toEqual(['packages/store/src/firestore/migrate-to-tenants.ts:122']);
  });

  it('has an index for every query the deployed code makes', () => {
    expect(missingIndexes(scan.queries, file)).toEqual([]);
  });

  it('holds no index that no query needs (each costs storage and write latency)', () => {
    const unused = [
      ...file.indexes.filter(
        (index) =>
          missingIndexes(scan.queries, {
            ...file,
            indexes: file.indexes.filter((i) => i !== index),
          }).length === 0,
      ),
      ...file.fieldOverrides.filter(
        (override) =>
          override.ttl !== true &&
          // An exemption (no indexes) removes the automatic ones: it costs nothing, it saves.
          override.indexes.length > 0 &&
          missingIndexes(scan.queries, {
            ...file,
            fieldOverrides: file.fieldOverrides.filter((o) => o !== override),
          }).length === 0,
      ),
    ];
    expect(unused).toEqual([]);
  });

  it('reports a query whose composite index is missing, with where it is and what it needs', () => {
    const missing = missingIndexes(
      scan.queries,
      without((e) => e.collectionGroup === 'escrows' && e.fieldPath === undefined),
    );
    expect(missing).toHaveLength(2);
    expect(missing[0]).toMatch(
      /^packages\/store\/src\/firestore\/firestore-escrows\.ts:\d+ \(collection group escrows: status ==, releaseBy <=, orderBy releaseBy asc\) needs a COLLECTION_GROUP composite index on escrows: status ASC \+ releaseBy ASC$/,
    );
    expect(missing[1]).toMatch(
      /firestore-escrows\.ts:\d+ \(collection escrows: orderBy heldAt desc, orderBy __name__ desc, status ==\) needs a COLLECTION composite index on escrows: status ASC \+ heldAt DESC$/,
    );
  });

  it('reports a collection-group equality without its single-field override', () => {
    const missing = missingIndexes(
      scan.queries,
      without((e) => e.fieldPath === 'awaitingSignal'),
    );
    expect(missing).toEqual([
      expect.stringMatching(
        /firestore-escrows\.ts:\d+ \(collection group escrows: awaitingSignal ==\) needs a field override on escrows\.awaitingSignal with a ASCENDING COLLECTION_GROUP index$/,
      ),
    ]);
  });

  it('takes a trailing document-name order in the last order’s direction as implicit, not the other', () => {
    const window = (direction: 'asc' | 'desc'): FoundQuery => ({
      at: 'example.ts:1',
      scope: 'COLLECTION',
      collection: 'decisions',
      clauses: [
        { kind: 'where', field: 'decidedAt', op: '>=' },
        { kind: 'orderBy', field: 'decidedAt', direction: 'asc' },
        { kind: 'orderBy', field: '__name__', direction },
      ],
      optional: [],
    });
    expect(missingIndexes([window('asc')], file)).toEqual([]);
    expect(missingIndexes([window('desc')], file)).toEqual([
      expect.stringContaining('composite index on decisions: decidedAt ASC + __name__ DESC'),
    ]);
  });

  it('does not accept an index with the wrong direction', () => {
    const flipped: IndexFile = {
      ...file,
      indexes: file.indexes.map((index) => ({
        ...index,
        fields: index.fields.map((f) =>
          f.fieldPath === 'expiresAt' ? { ...f, order: 'DESCENDING' as const } : f,
        ),
      })),
    };
    expect(missingIndexes(scan.queries, flipped)).toEqual([
      expect.stringContaining('challenges: status ASC + expiresAt ASC'),
    ]);
  });

  it('has a TTL policy, and no indexes, on every field the code declares as one', () => {
    // The adapters name their TTL fields in a comment where they write them:
    // "a Firestore TTL policy on <collection>.<field>".
    const declared = new Set<string>();
    for (const path of sourceFiles(ROOT, DEPLOYED)) {
      for (const match of readFileSync(path, 'utf8').matchAll(/TTL policy on (\w+)\.(\w+)/g)) {
        declared.add(`${match[1] ?? ''}.${match[2] ?? ''}`);
      }
    }
    const ttl = file.fieldOverrides.filter((o) => o.ttl === true);
    expect(ttl.map((o) => `${o.collectionGroup}.${o.fieldPath}`).sort()).toEqual(
      [...declared].sort(),
    );
    expect(declared).toEqual(
      new Set(['challenges.deleteAt', 'idempotency.expireAt', 'camaraEvents.expireAt']),
    );
    // A timestamp that only grows makes a write hotspot if indexed, and nothing queries it.
    expect(ttl.every((o) => o.indexes.length === 0)).toBe(true);
  });

  it('exempts from indexing every field the code declares unqueried, and nothing else', () => {
    // The adapters name them where they write them: "index exemptions on <collection>.<field>, …":
    // the JSON texts, read only whole (indexed, each write would also store its first 1,500 bytes
    // twice, ascending and descending), and the hot path's fields no query reads.
    const declared = new Set<string>();
    for (const path of sourceFiles(ROOT, DEPLOYED)) {
      // A declaration may run over the lines of a `//` or a `/** … */` comment.
      const text = readFileSync(path, 'utf8').replace(/\n\s*(?:\/\/|\*(?!\/))\s*/g, ' ');
      for (const match of text.matchAll(/index exemptions on ((?:\w+\.\w+(?:, )?)+)/g)) {
        for (const field of (match[1] ?? '').split(', ')) {
          declared.add(field);
        }
      }
    }
    const exempt = file.fieldOverrides.filter((o) => o.ttl !== true && o.indexes.length === 0);
    expect(exempt.map((o) => `${o.collectionGroup}.${o.fieldPath}`).sort()).toEqual(
      [...declared].sort(),
    );
    expect(declared).toEqual(
      new Set([
        'decisions.contextJson',
        'decisions.decisionJson',
        'decisions.effectsJson',
        'userHistory.historyJson',
        'decisions.occurredAt',
        'idempotency.createdAt',
        'idempotency.decisionId',
        'idempotency.requestHash',
        'deviceSightings.sightings',
        'outboxEntries.decisionId',
        'outboxEntries.tenant',
        'outboxEntries.shard',
        'outboxEntries.dueAt',
      ]),
    );
    // And no query of the deployed code needs what they remove.
    expect(missingIndexes(scan.queries, file)).toEqual([]);
  });

  it('indexes no time a decision’s commit writes on its own, but the backtests’ decidedAt', () => {
    // Firestore caps writes to a collection at 500 a second while a field whose values only grow is
    // indexed in it. Every decision writes these (its record, its idempotency claim, its outbox
    // entry, its device's sightings); only the record's `decidedAt` stays indexed alone, for the backtests' windows — a
    // cap per tenant, each tenant's decisions being a collection of their own (performance.md).
    const growing = [
      'decisions.decidedAt',
      'decisions.occurredAt',
      'idempotency.createdAt',
      'idempotency.expireAt',
      'outboxEntries.dueAt',
      // Each sighting (a map, ordered by its first key, `at`) is an entry of the array's index.
      'deviceSightings.sightings',
    ];
    const exempt = (path: string) =>
      file.fieldOverrides.some(
        (o) => `${o.collectionGroup}.${o.fieldPath}` === path && o.indexes.length === 0,
      );
    expect(growing.filter((path) => !exempt(path))).toEqual(['decisions.decidedAt']);
    // Where one is in a composite index, an equality on a spread-out field comes first: the
    // outbox's sixteen shards, each a range of its own.
    const composite = file.indexes.filter((index) =>
      index.fields.some((f) => growing.includes(`${index.collectionGroup}.${f.fieldPath}`)),
    );
    expect(composite.map((i) => i.fields.map((f) => f.fieldPath))).toEqual([['shard', 'dueAt']]);
  });

  it('is what firebase.json deploys, with the rules', () => {
    const firebase = JSON.parse(readFileSync(join(ROOT, 'firebase.json'), 'utf8')) as {
      firestore: { rules: string; indexes: string };
    };
    expect(firebase.firestore).toEqual({
      rules: 'firestore.rules',
      indexes: 'firestore.indexes.json',
    });
    expect(readFileSync(join(ROOT, firebase.firestore.rules), 'utf8')).toContain(
      'allow read, write: if false',
    );
  });
});

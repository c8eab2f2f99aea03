// Holds Firestore queries against a `firestore.indexes.json`. Production Firestore refuses a query
// without its index (FAILED_PRECONDITION); the emulator does not, so only this check catches it.
// The rules, from Firestore's index documentation:
// - one field, collection scope: the automatic single-field index serves it (unless an override
//   in the file removed it);
// - one field, collection-group scope: needs a single-field override with a COLLECTION_GROUP index;
// - equality filters on several fields and no order: index merging serves them;
// - otherwise a composite index: the equality fields (any order), then the inequality field and the
//   orders in the query's order and direction; a trailing `__name__` in the last order's direction
//   is implicit (also after a single field, which its single-field index then serves).
import type { Clause, FoundQuery, QueryScope } from './firestore-queries.ts';

type Order = 'ASCENDING' | 'DESCENDING';

export interface IndexFile {
  readonly indexes: readonly {
    readonly collectionGroup: string;
    readonly queryScope: QueryScope;
    readonly fields: readonly { readonly fieldPath: string; readonly order?: Order }[];
  }[];
  readonly fieldOverrides: readonly {
    readonly collectionGroup: string;
    readonly fieldPath: string;
    readonly ttl?: boolean;
    readonly indexes: readonly { readonly order?: Order; readonly queryScope: QueryScope }[];
  }[];
}

const EQUALITY = new Set(['==', 'in', 'array-contains', 'array-contains-any']);

/** The queries a query with optional clauses can become: every subset of them. */
function variants(query: FoundQuery): Clause[][] {
  let all: Clause[][] = [[...query.clauses]];
  for (const clause of query.optional) {
    all = all.flatMap((clauses) => [clauses, [...clauses, clause]]);
  }
  return all;
}

function describe(query: FoundQuery, clauses: readonly Clause[]): string {
  const parts = clauses.map((c) =>
    c.kind === 'where' ? `${c.field} ${c.op}` : `orderBy ${c.field} ${c.direction}`,
  );
  const scope = query.scope === 'COLLECTION_GROUP' ? 'collection group' : 'collection';
  return `${query.at} (${scope} ${query.collection}: ${parts.join(', ')})`;
}

function fieldsText(fields: readonly { fieldPath: string; order: Order }[]): string {
  return fields
    .map((f) => `${f.fieldPath} ${f.order === 'ASCENDING' ? 'ASC' : 'DESC'}`)
    .join(' + ');
}

/** What one query (with its clauses fixed) needs from the file; a message per missing index. */
function check(query: FoundQuery, clauses: readonly Clause[], file: IndexFile): string[] {
  const equality = [
    ...new Set(clauses.flatMap((c) => (c.kind === 'where' && EQUALITY.has(c.op) ? [c.field] : []))),
  ];
  const inequality = clauses.flatMap((c) =>
    c.kind === 'where' && !EQUALITY.has(c.op) ? [c.field] : [],
  );
  const orders = clauses.flatMap((c) =>
    c.kind === 'orderBy'
      ? [
          {
            fieldPath: c.field,
            order: c.direction === 'desc' ? 'DESCENDING' : 'ASCENDING',
          } as const,
        ]
      : [],
  );
  let ordered: { fieldPath: string; order: Order }[] =
    orders.length > 0
      ? [...orders]
      : [...new Set(inequality)].map((fieldPath) => ({ fieldPath, order: 'ASCENDING' as const }));
  // Firestore orders ties by the document name in the direction of the last order: a trailing
  // `__name__` in that direction is implicit (the backtest's window: decidedAt, then __name__).
  const last = ordered.at(-1);
  const before = ordered.at(-2);
  if (last?.fieldPath === '__name__' && before !== undefined && last.order === before.order) {
    ordered = ordered.slice(0, -1);
  }
  // An ascending order on the document name alone is every query's implicit order.
  if (
    ordered.length === 1 &&
    ordered[0]?.fieldPath === '__name__' &&
    ordered[0].order === 'ASCENDING'
  ) {
    ordered = [];
  }
  const eqOnly = equality.filter((f) => !ordered.some((o) => o.fieldPath === f));
  const distinct = new Set([...eqOnly, ...ordered.map((o) => o.fieldPath)]);
  const what = describe(query, clauses);
  if (distinct.size === 0) {
    return [];
  }
  if (distinct.size === 1 || ordered.length === 0) {
    // Single-field indexes (index merging for several equalities).
    const single =
      ordered.length > 0
        ? ordered
        : eqOnly.map((fieldPath) => ({ fieldPath, order: 'ASCENDING' as const }));
    return single.flatMap(({ fieldPath, order }) => {
      if (fieldPath === '__name__' && query.scope === 'COLLECTION') {
        return [];
      }
      const override = file.fieldOverrides.find(
        (o) => o.collectionGroup === query.collection && o.fieldPath === fieldPath,
      );
      if (override === undefined) {
        return query.scope === 'COLLECTION'
          ? []
          : [
              `${what} needs a field override on ${query.collection}.${fieldPath} with a ${order} COLLECTION_GROUP index`,
            ];
      }
      const served = override.indexes.some(
        (i) => i.queryScope === query.scope && i.order === order,
      );
      return served
        ? []
        : [
            `${what} needs ${query.collection}.${fieldPath} ${order} in scope ${query.scope}, which its field override removes`,
          ];
    });
  }
  const served = file.indexes.some((index) => {
    if (index.collectionGroup !== query.collection || index.queryScope !== query.scope) {
      return false;
    }
    const fields = index.fields.filter(
      (f, i) =>
        !(
          f.fieldPath === '__name__' &&
          i === index.fields.length - 1 &&
          ordered.at(-1)?.fieldPath !== '__name__'
        ),
    );
    if (fields.length !== eqOnly.length + ordered.length) {
      return false;
    }
    const head = fields.slice(0, eqOnly.length).map((f) => f.fieldPath);
    const tail = fields.slice(eqOnly.length);
    return (
      eqOnly.every((f) => head.includes(f)) &&
      ordered.every((o, i) => tail[i]?.fieldPath === o.fieldPath && tail[i].order === o.order)
    );
  });
  const wanted = [
    ...eqOnly.map((fieldPath) => ({ fieldPath, order: 'ASCENDING' as const })),
    ...ordered,
  ];
  return served
    ? []
    : [
        `${what} needs a ${query.scope} composite index on ${query.collection}: ${fieldsText(wanted)}`,
      ];
}

/** Every index the queries need and `file` lacks, one message each (empty: all served). */
export function missingIndexes(queries: readonly FoundQuery[], file: IndexFile): string[] {
  return [
    ...new Set(
      queries.flatMap((query) => variants(query).flatMap((clauses) => check(query, clauses, file))),
    ),
  ];
}

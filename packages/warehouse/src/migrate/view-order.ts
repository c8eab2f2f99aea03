/** A view file: its name (the file's, without .sql) and its SQL with the placeholders. */
export interface ViewSource {
  readonly name: string;
  readonly sql: string;
}

export type ViewOrder =
  | { readonly ok: true; readonly views: readonly ViewSource[]; readonly issues?: never }
  | { readonly ok: false; readonly issues: readonly string[]; readonly views?: never };

// The shared contract: tables and views are named `{{project}}.{{dataset}}.<name>` in backticks.
const REFERENCE = /`\{\{project\}\}\.\{\{dataset\}\}\.([A-Za-z_][A-Za-z0-9_]*)`/g;

/** The names a view's SQL reads from the dataset, in order of first mention. */
export const viewReferences = (sql: string): string[] => [
  ...new Set([...sql.matchAll(REFERENCE)].map((match) => match[1] ?? '')),
];

/**
 * The views in an order BigQuery can create them in (each after the views it reads), ties broken
 * by name so the order is stable. Refused when a view reads a name that is neither one of
 * `tables` nor a view, or when views read each other in a cycle.
 */
export function orderViews(views: readonly ViewSource[], tables: readonly string[]): ViewOrder {
  const byName = new Map(views.map((view) => [view.name, view]));
  const known = new Set([...tables, ...byName.keys()]);
  const issues = views.flatMap((view) =>
    viewReferences(view.sql)
      .filter((name) => !known.has(name))
      .map((name) => `view ${view.name} reads ${name}, which is neither a table nor a view here`),
  );
  const waiting = new Map(
    views.map((view) => [
      view.name,
      new Set(viewReferences(view.sql).filter((n) => byName.has(n))),
    ]),
  );
  const ordered: ViewSource[] = [];
  while (waiting.size > 0) {
    const ready = [...waiting].filter(([, needs]) => needs.size === 0).map(([name]) => name);
    if (ready.length === 0) {
      issues.push(`views read each other in a cycle: ${[...waiting.keys()].sort().join(', ')}`);
      break;
    }
    const next = ready.sort()[0] ?? '';
    waiting.delete(next);
    waiting.forEach((needs) => needs.delete(next));
    ordered.push(byName.get(next) ?? { name: next, sql: '' });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, views: ordered };
}

/** A view's SQL for one project and dataset: the placeholders filled in, outer blanks trimmed. */
export const viewQuery = (sql: string, project: string, dataset: string): string =>
  sql.trim().replaceAll('{{project}}', project).replaceAll('{{dataset}}', dataset);

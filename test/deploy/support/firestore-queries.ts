// Finds the Firestore queries in the deployed source by reading it (the TypeScript parser, no type
// checking): every chain of `.collection(…)` / `.collectionGroup(…)` with `.where(…)` or
// `.orderBy(…)`, including clauses added later to the same variable (`query = query.where(…)`),
// which count as optional. Collection and field names are resolved through string constants
// (`COLLECTIONS.escrows`, `REPORTED_OUTCOME_OUTBOX`) and `FieldPath.documentId()` is `__name__`.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export type QueryScope = 'COLLECTION' | 'COLLECTION_GROUP';

export type Clause =
  | { readonly kind: 'where'; readonly field: string; readonly op: string }
  | { readonly kind: 'orderBy'; readonly field: string; readonly direction: 'asc' | 'desc' };

export interface FoundQuery {
  /** `path:line` of the query, relative to the repository. */
  readonly at: string;
  readonly scope: QueryScope;
  readonly collection: string;
  readonly clauses: readonly Clause[];
  /** Clauses added under a condition: each may or may not be present. */
  readonly optional: readonly Clause[];
}

type Constants = Map<string, string | ReadonlyMap<string, string>>;

const SKIP = /(\.test\.ts|\.contract\.ts|\/testing\/.*|\/testing\.ts|\.d\.ts)$/;

/** The `.ts` sources under `dirs` (relative to `root`), tests and test support left out. */
export function sourceFiles(root: string, dirs: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'testing') {
          walk(path);
        }
      } else if (entry.name.endsWith('.ts') && !SKIP.test(path)) {
        files.push(path);
      }
    }
  };
  for (const dir of dirs) {
    walk(join(root, dir));
  }
  return files.sort();
}

function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  while (
    ts.isAsExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isParenthesizedExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

/** Top-level `const X = 'literal'` and `const X = { key: 'literal', … } as const` of every file. */
function collectConstants(sources: readonly ts.SourceFile[]): Constants {
  const constants: Constants = new Map();
  for (const source of sources) {
    for (const statement of source.statements) {
      if (!ts.isVariableStatement(statement)) {
        continue;
      }
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name) || declaration.initializer === undefined) {
          continue;
        }
        const value = unwrap(declaration.initializer);
        if (ts.isStringLiteral(value)) {
          constants.set(declaration.name.text, value.text);
        } else if (ts.isObjectLiteralExpression(value)) {
          const members = new Map<string, string>();
          for (const property of value.properties) {
            if (
              ts.isPropertyAssignment(property) &&
              ts.isIdentifier(property.name) &&
              ts.isStringLiteral(unwrap(property.initializer))
            ) {
              members.set(
                property.name.text,
                (unwrap(property.initializer) as ts.StringLiteral).text,
              );
            }
          }
          constants.set(declaration.name.text, members);
        }
      }
    }
  }
  return constants;
}

function resolveString(node: ts.Expression | undefined, constants: Constants): string | undefined {
  if (node === undefined) {
    return undefined;
  }
  const value = unwrap(node);
  if (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value)) {
    return value.text;
  }
  if (ts.isIdentifier(value)) {
    const found = constants.get(value.text);
    return typeof found === 'string' ? found : undefined;
  }
  if (ts.isPropertyAccessExpression(value) && ts.isIdentifier(value.expression)) {
    const group = constants.get(value.expression.text);
    return typeof group === 'object' ? group.get(value.name.text) : undefined;
  }
  if (
    ts.isCallExpression(value) &&
    ts.isPropertyAccessExpression(value.expression) &&
    value.expression.name.text === 'documentId'
  ) {
    return '__name__';
  }
  return undefined;
}

interface Link {
  readonly name: string;
  readonly args: readonly ts.Expression[];
}

const QUERY_OPS = new Set(['where', 'orderBy']);

/** `a.b(x).c(y)` → base `a`, links [b(x), c(y)] (innermost first). */
function decompose(expression: ts.Expression): { base: ts.Expression; links: Link[] } {
  const links: Link[] = [];
  let node = unwrap(expression);
  while (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
    const name = node.expression.name;
    links.unshift({
      name: name.text,
      args: node.arguments,
    });
    node = unwrap(node.expression.expression);
  }
  while (ts.isAwaitExpression(node)) {
    node = unwrap(node.expression);
  }
  return { base: node, links };
}

function clauseOf(link: Link, constants: Constants, at: string): Clause | undefined {
  if (!QUERY_OPS.has(link.name)) {
    return undefined;
  }
  const field = resolveString(link.args[0], constants);
  if (field === undefined) {
    throw new Error(`${at}: cannot resolve the field of .${link.name}(…)`);
  }
  if (link.name === 'where') {
    const op = resolveString(link.args[1], constants) ?? '?';
    return { kind: 'where', field, op };
  }
  const direction = resolveString(link.args[1], constants) === 'desc' ? 'desc' : 'asc';
  return { kind: 'orderBy', field, direction };
}

/** The collection a chain reads: its last `.collection(x)` / `.collectionGroup(x)` (or a `#collection(x)` helper). */
function targetOf(
  links: readonly Link[],
  constants: Constants,
): { scope: QueryScope; collection: string } | undefined {
  for (let i = links.length - 1; i >= 0; i -= 1) {
    const link = links[i];
    if (link === undefined || !/collection(Group)?$/i.test(link.name)) {
      continue;
    }
    const name = resolveString(link.args[0], constants);
    if (name !== undefined) {
      return {
        scope: link.name === 'collectionGroup' ? 'COLLECTION_GROUP' : 'COLLECTION',
        collection: name,
      };
    }
  }
  return undefined;
}

function lineOf(source: ts.SourceFile, node: ts.Node): number {
  return source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
}

/** Whether `node` is the outermost call of a method chain. */
function isChainTop(node: ts.CallExpression): boolean {
  const parent = node.parent;
  return !(ts.isPropertyAccessExpression(parent) && ts.isCallExpression(parent.parent));
}

/** What `findQueries` read: the queries, and those whose collection it could not name. */
export interface QueryScan {
  readonly queries: readonly FoundQuery[];
  /** `path:line` of a filtered or ordered chain on a collection named at run time. */
  readonly unresolved: readonly string[];
}

/** Every Firestore query with a filter or an order in `files`. */
export function findQueries(root: string, files: readonly string[]): QueryScan {
  const unresolved: string[] = [];
  const sources = files.map((file) =>
    ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true),
  );
  const constants = collectConstants(sources);
  const queries: FoundQuery[] = [];
  for (const source of sources) {
    const path = relative(root, source.fileName);
    // `let query = db.collection(…)…` and its later `query = query.where(…)`.
    const variables = new Map<string, { at: string; links: Link[]; optional: Clause[] }>();
    const visit = (node: ts.Node): void => {
      if (
        ts.isVariableDeclaration(node) &&
        ts.isIdentifier(node.name) &&
        node.initializer !== undefined
      ) {
        const { links } = decompose(node.initializer);
        if (targetOf(links, constants) !== undefined) {
          variables.set(node.name.text, {
            at: `${path}:${lineOf(source, node)}`,
            links,
            optional: [],
          });
        }
      } else if (
        ts.isBinaryExpression(node) &&
        node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isIdentifier(node.left)
      ) {
        const variable = variables.get(node.left.text);
        const { base, links } = decompose(node.right);
        if (variable !== undefined && ts.isIdentifier(base) && base.text === node.left.text) {
          for (const link of links) {
            const clause = clauseOf(link, constants, variable.at);
            if (clause !== undefined) {
              variable.optional.push(clause);
            }
          }
          return;
        }
      } else if (ts.isCallExpression(node) && isChainTop(node)) {
        const { base, links } = decompose(node);
        const chained = ts.isIdentifier(base) ? variables.get(base.text) : undefined;
        const all = chained === undefined ? links : [...chained.links, ...links];
        const target = targetOf(all, constants);
        const at = `${path}:${lineOf(source, node)}`;
        const clauses = all.flatMap((link) => clauseOf(link, constants, at) ?? []);
        if (target !== undefined && (clauses.length > 0 || chained !== undefined)) {
          queries.push({ at, ...target, clauses, optional: chained?.optional ?? [] });
          if (chained !== undefined) {
            // Reported once, with the clauses gathered so far.
            variables.delete((base as ts.Identifier).text);
          }
          return;
        }
        if (target === undefined && chained === undefined && clauses.length > 0) {
          unresolved.push(at);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return {
    queries: queries.filter((q) => q.clauses.length + q.optional.length > 0),
    unresolved,
  };
}

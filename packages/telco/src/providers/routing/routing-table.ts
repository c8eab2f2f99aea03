/** The routing table as configured: which provider id serves which prefix. */
export interface RoutingTable {
  readonly routes: readonly { readonly prefix: string; readonly providerId: string }[];
  /** Provider for numbers no prefix matches (`*=`); absent means they are not covered. */
  readonly defaultProviderId?: string;
}

export type RoutingTableResult =
  | { readonly ok: true; readonly table: RoutingTable; readonly issues?: never }
  | { readonly ok: false; readonly issues: readonly string[]; readonly table?: never };

const PREFIX = /^\+[0-9]{1,15}$/;
const PROVIDER_ID = /^[a-z][a-z0-9-]{0,39}$/;

/**
 * Parses `+27=camara-za,+1=twilio,*=simulator` (whitespace ignored). Lists every problem: bad
 * prefixes, bad ids, a prefix or the default given twice.
 */
export function parseRoutingTable(text: string): RoutingTableResult {
  const issues: string[] = [];
  const routes: { prefix: string; providerId: string }[] = [];
  let defaultProviderId: string | undefined;
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  for (const [index, entry] of entries.entries()) {
    const [prefix = '', providerId = '', ...rest] = entry.split('=').map((p) => p.trim());
    const where = `route ${index + 1} ("${entry}")`;
    if (rest.length > 0 || !PROVIDER_ID.test(providerId)) {
      issues.push(`${where}: expected PREFIX=provider-id with a lowercase provider id`);
      continue;
    }
    if (prefix === '*') {
      if (defaultProviderId !== undefined) {
        issues.push(`${where}: the default route (*) is given twice`);
      }
      defaultProviderId = providerId;
    } else if (!PREFIX.test(prefix)) {
      issues.push(`${where}: the prefix must be + and 1–15 digits, or *`);
    } else if (routes.some((r) => r.prefix === prefix)) {
      issues.push(`${where}: the prefix ${prefix} is given twice`);
    } else {
      routes.push({ prefix, providerId });
    }
  }
  if (entries.length === 0) {
    issues.push('the routing table is empty');
  }
  if (issues.length > 0) {
    return { ok: false, issues };
  }
  return {
    ok: true,
    table: defaultProviderId === undefined ? { routes } : { routes, defaultProviderId },
  };
}

/** Every provider id the table refers to. */
export function providerIdsOf(table: RoutingTable): string[] {
  const ids = new Set(table.routes.map((r) => r.providerId));
  if (table.defaultProviderId !== undefined) {
    ids.add(table.defaultProviderId);
  }
  return [...ids];
}

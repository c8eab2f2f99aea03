// The rights of each service account: as Terraform grants them (iam.tf's `grants` table plus the
// secrets each account's services mount) and as docs/operations.md lists them.
import { localMap, type TerraformDir } from './terraform.ts';

/** `account role on`, e.g. `sentinel-auth roles/pubsub.publisher topic/risk-outcomes`. */
export type Grant = string;

interface GrantRow {
  readonly account: string;
  readonly role: string;
  readonly on: string;
}

/** Every grant Terraform makes to an account of ours (and the Pub/Sub service agent). */
export function terraformGrants(stack: TerraformDir): Grant[] {
  const rows = stack.locals['grants'] as readonly GrantRow[];
  const readers = stack.locals['secret_readers'] as Record<string, unknown>;
  const secretGrants = Object.entries(readers).flatMap(([account, secrets]) =>
    Object.values(localMap(secrets, stack.locals)).map(
      (secret) => `${account} roles/secretmanager.secretAccessor secret/${String(secret)}`,
    ),
  );
  return [...rows.map((g) => `${g.account} ${g.role} ${g.on}`), ...secretGrants].sort();
}

/** The "Service accounts" table of docs/operations.md: `| \`account\` | \`role\` | on |`. */
export function documentedGrants(markdown: string): Grant[] {
  const section = /^## Service accounts\n([\s\S]*?)(?=^## )/m.exec(markdown)?.[1] ?? '';
  const grants: Grant[] = [];
  for (const line of section.split('\n')) {
    const cells = /^\| `([^`]+)` \| `([^`]+)` \| (.+?) \|$/.exec(line.trim());
    if (cells === null) {
      continue;
    }
    const on = (cells[3] ?? '').replace(/^(\w+) `([^`]+)`$/, '$1/$2');
    grants.push(`${cells[1] ?? ''} ${cells[2] ?? ''} ${on}`);
  }
  return grants.sort();
}

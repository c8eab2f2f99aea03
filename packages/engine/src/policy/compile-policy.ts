import type { Rule } from '../rule.ts';
import { findRuleKind } from '../rules/catalog.ts';
import type { CompilePolicyResult } from './compiled-policy.ts';
import { formatIssuePath } from './issue-path.ts';
import type { PolicyDocument } from './policy-document.ts';
import { PolicyDocumentSchema } from './policy-schema.ts';

/**
 * Validates a policy document (any input; it never throws on bad data) and builds its enabled
 * rules. Lists every problem with its path; an unknown rule kind fails, closed.
 */
export function compilePolicy(doc: unknown): CompilePolicyResult {
  const parsed = PolicyDocumentSchema.safeParse(doc);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => ({
        path: formatIssuePath(issue.path),
        message: issue.message,
      })),
    };
  }
  const document: PolicyDocument = parsed.data;
  const rules: Rule[] = [];
  for (const config of document.rules) {
    const kind = findRuleKind(config.kind);
    if (config.enabled === false || kind === undefined) {
      continue; // an unknown kind was already reported by the schema
    }
    // Parsed again for its typed output; the schema already checked it, so this cannot fail.
    const params = kind.params.safeParse(config.params);
    if (params.success) {
      rules.push(kind.create(config.id, params.data, document));
    }
  }
  return { ok: true, policy: { document, rules } };
}

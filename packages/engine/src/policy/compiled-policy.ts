import type { Rule } from '../rule.ts';
import type { PolicyDocument } from './policy-document.ts';

/** A validated policy, ready to run: the document as accepted and its enabled rules, built once. */
export interface CompiledPolicy {
  readonly document: PolicyDocument;
  /** The enabled rules, in document order. */
  readonly rules: readonly Rule[];
}

/** One problem in a policy document; `path` like `rules[3].params.bands`. */
export interface PolicyIssue {
  readonly path: string;
  readonly message: string;
}

/** The result of `compilePolicy`: data, never an exception. */
export type CompilePolicyResult =
  | { readonly ok: true; readonly policy: CompiledPolicy; readonly issues?: never }
  | { readonly ok: false; readonly issues: readonly PolicyIssue[]; readonly policy?: never };

import { createHash } from 'node:crypto';
import type { PolicyDocument } from '@sentinel/engine';
import type { DecisionPosition } from '@sentinel/store';

/**
 * What a cursor belongs to: the candidate policy and the window. A cursor of another backtest
 * would resume at a position that means nothing there, so it is refused instead.
 */
export function backtestFingerprint(policy: PolicyDocument, from: Date, to: Date): string {
  return createHash('sha256')
    .update(JSON.stringify([policy, from.toISOString(), to.toISOString()]))
    .digest('base64url')
    .slice(0, 22);
}

/** The opaque cursor of the next page of changes: after `position`, for this backtest only. */
export function encodeCursor(fingerprint: string, position: DecisionPosition): string {
  const json = JSON.stringify([fingerprint, position.decidedAt.getTime(), position.decisionId]);
  return Buffer.from(json).toString('base64url');
}

/** The position a cursor resumes after; null when it is malformed or of another backtest. */
export function decodeCursor(cursor: string, fingerprint: string): DecisionPosition | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) {
    return null;
  }
  const [print, at, decisionId] = parsed as unknown[];
  return print === fingerprint &&
    typeof at === 'number' &&
    Number.isSafeInteger(at) &&
    typeof decisionId === 'string'
    ? { decidedAt: new Date(at), decisionId }
    : null;
}

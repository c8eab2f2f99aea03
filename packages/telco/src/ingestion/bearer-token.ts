import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Checks `Authorization: Bearer <token>` against the accepted tokens in constant time: both sides
 * are hashed to equal length first, and every accepted token is compared (no early exit), so
 * neither the length nor the position of a match leaks through timing.
 */
export function createBearerCheck(
  accepted: readonly string[],
): (authorization: string | null) => boolean {
  if (accepted.length === 0 || accepted.some((t) => t.length === 0)) {
    throw new RangeError('at least one non-empty bearer token is required');
  }
  const digests = accepted.map(digest);
  return (authorization) => {
    const match = /^Bearer +(\S+) *$/i.exec(authorization ?? '');
    const presented = digest(match?.[1] ?? '');
    let ok = false;
    for (const expected of digests) {
      ok = timingSafeEqual(presented, expected) || ok;
    }
    return ok && match !== null;
  };
}

import type { BehaviorBaseline } from '@sentinel/engine';
import { Timestamp, type DocumentSnapshot } from '@google-cloud/firestore';
import { deepFreeze } from '../memory/frozen-copy.ts';
import { BaselineDoc } from './baseline-doc.ts';
import { parseOptional } from './parse-document.ts';

/**
 * Baselines parsed once per user and version, for the hot path. Validating and decoding a
 * 55-feature baseline document took 35–80 µs per read, five to ten times the scoring itself
 * (7 µs; measured with `BaselineDoc.parse` on a 200-session baseline); a version never changes
 * once stored, so its parse can be reused. Least recently used entries go first; an entry is
 * about 30 KB (55 rows of 55 doubles plus vectors), so the default 1,000 hold about 30 MB.
 */
export class BaselineCache {
  readonly #entries = new Map<
    string,
    { readonly key: string; readonly baseline: BehaviorBaseline }
  >();
  readonly #maxEntries: number;

  constructor(maxEntries = 1_000) {
    this.#maxEntries = maxEntries;
  }

  /** The baseline in `snapshot` (null when there is none), parsed at most once per version. */
  read(userId: string, snapshot: DocumentSnapshot): BehaviorBaseline | null {
    if (!snapshot.exists) {
      return null;
    }
    // Version and fit time together: a version number could come back after a document was
    // deleted by hand and enrolment started again from 1.
    const fittedAt: unknown = snapshot.get('fittedAt');
    const key = `${String(snapshot.get('version'))}@${fittedAt instanceof Timestamp ? fittedAt.toMillis() : '?'}`;
    const cached = this.#entries.get(userId);
    if (cached?.key === key) {
      this.#entries.delete(userId);
      this.#entries.set(userId, cached);
      return cached.baseline;
    }
    const baseline = parseOptional(BaselineDoc, snapshot);
    if (baseline !== null) {
      this.#entries.delete(userId);
      this.#entries.set(userId, { key, baseline: deepFreeze(baseline) });
      if (this.#entries.size > this.#maxEntries) {
        const oldest = this.#entries.keys().next();
        if (oldest.done !== true) {
          this.#entries.delete(oldest.value);
        }
      }
    }
    return baseline;
  }

  get size(): number {
    return this.#entries.size;
  }
}

import type { DecisionRecord } from '@sentinel/contracts';
import type { Clock, Logger } from '@sentinel/kernel';
import type { DecisionLog } from '@sentinel/store';
import { every, withDeadline } from '@sentinel/kernel';
import { workThrough } from '@sentinel/kernel';

/**
 * Where an answered decision goes when its durable commit failed (Firestore down or slow).
 * It retries the commit with backoff; once committed, the normal delivery runs. If another
 * instance committed a different decision for the same transaction meanwhile, this one's event is
 * still published (the payment stack saw it), flagged in the log.
 *
 * This buffer lives in process memory: it survives a Firestore or Pub/Sub outage, not the loss of
 * the instance during one (docs/architecture.md, "Nothing is lost").
 */
export interface FallbackOutbox {
  add(record: DecisionRecord): void;
  /**
   * The answered but not yet committed decision of this transaction, if this outbox holds one: a
   * retry must get it back, not a second decision (see coalesce-retries.ts).
   */
  heldFor(clientId: string, transactionId: string): DecisionRecord | undefined;
  /** Try every held record once now. */
  flush(): Promise<void>;
  start(): void;
  stop(): void;
  readonly size: number;
}

const FLUSH_CONCURRENCY = 8;
const DEFAULT_COMMIT_TIMEOUT_MS = 3_000;
const MAX_FAILURES_IN_A_ROW = 3;

export function createFallbackOutbox(opts: {
  readonly log: DecisionLog;
  readonly deliver: (record: DecisionRecord) => Promise<void>;
  readonly publishOnly: (record: DecisionRecord) => Promise<void>;
  readonly logger: Logger;
  /** Times the commit deadline. */
  readonly clock: Pick<Clock, 'setTimer'>;
  readonly intervalMs: number;
  readonly maxHeld: number;
  /**
   * Deadline of each retried commit. Without it a commit hung on a dead connection (a blackholed
   * Firestore) held the whole flush, and every later one, past the store's return.
   */
  readonly commitTimeoutMs?: number;
}): FallbackOutbox {
  const held = new Map<string, DecisionRecord>();
  /** `clientId \n transactionId` → decisionId of the held record. */
  const byTransaction = new Map<string, string>();
  const txKey = (clientId: string, transactionId: string) => `${clientId}\n${transactionId}`;
  const release = (record: DecisionRecord): void => {
    held.delete(record.decision.decisionId);
    const key = txKey(record.clientId, record.decision.transactionId);
    if (byTransaction.get(key) === record.decision.decisionId) {
      byTransaction.delete(key);
    }
  };
  let stopTimer: (() => void) | undefined;
  let flushing: Promise<void> | null = null;

  const tryOne = async (record: DecisionRecord): Promise<void> => {
    const result = await withDeadline(() => opts.log.record(record), {
      clock: opts.clock,
      ms: opts.commitTimeoutMs ?? DEFAULT_COMMIT_TIMEOUT_MS,
      what: 'fallback commit',
    });
    if (result.created || result.existing.decision.decisionId === record.decision.decisionId) {
      await opts.deliver(record);
    } else {
      opts.logger.warn('another decision was committed for this transaction; publishing ours too', {
        decisionId: record.decision.decisionId,
        committedDecisionId: result.existing.decision.decisionId,
      });
      await opts.publishOnly(record);
    }
    release(record);
  };

  const flush = (): Promise<void> => {
    flushing ??= (async () => {
      // A few at a time: one by one, a 20,000-request overload run left 9,000 held decisions
      // draining at a few per second. Three failures in a row mean the store is still down: the
      // next tick tries again.
      await workThrough(
        [...held.values()],
        { concurrency: FLUSH_CONCURRENCY, maxFailuresInARow: MAX_FAILURES_IN_A_ROW },
        tryOne,
        (record) => {
          // At the back of the line: a record that can never be committed must not hold back
          // every record behind it (it did, for a device id with a lone surrogate, before the
          // adapter made strings storable).
          held.delete(record.decision.decisionId);
          held.set(record.decision.decisionId, record);
        },
      );
    })().finally(() => {
      flushing = null;
    });
    return flushing;
  };

  return {
    add(record) {
      if (held.size >= opts.maxHeld) {
        opts.logger.error('fallback outbox is full; the decision is only in this log line', {
          decisionId: record.decision.decisionId,
        });
        return;
      }
      held.set(record.decision.decisionId, record);
      byTransaction.set(
        txKey(record.clientId, record.decision.transactionId),
        record.decision.decisionId,
      );
    },
    heldFor(clientId, transactionId) {
      const decisionId = byTransaction.get(txKey(clientId, transactionId));
      return decisionId === undefined ? undefined : held.get(decisionId);
    },
    flush,
    start() {
      stopTimer ??= every(opts.clock, opts.intervalMs, () => void flush());
    },
    stop() {
      stopTimer?.();
      stopTimer = undefined;
    },
    get size() {
      return held.size;
    },
  };
}

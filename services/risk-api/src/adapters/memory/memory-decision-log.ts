import type { DecisionRecord } from '../../decision.ts';
import type { DecisionLog, RecordResult } from '../../ports/decision-log.ts';

/**
 * A record as kept here: JSON text, like the Firestore adapter keeps the engine inputs
 * (`contextJson`), so `context` reads back the same way from both (dates as RFC 3339 strings) and
 * nothing the caller holds can change what is stored. Text, not a frozen deep copy: the copy
 * (structuredClone + freeze) cost 6 % of the in-memory risk-api's CPU under load, and records are
 * written on every decision but read back rarely (replays, GET, the sweep).
 */
interface StoredRecord {
  readonly json: string;
  readonly contextJson: string;
  readonly occurredAtMs: number;
  readonly decidedAtMs: number;
}

function store(record: DecisionRecord): StoredRecord {
  const { context, occurredAt, decidedAt, ...rest } = record;
  return {
    json: JSON.stringify(rest),
    contextJson: JSON.stringify(context),
    occurredAtMs: occurredAt.getTime(),
    decidedAtMs: decidedAt.getTime(),
  };
}

function load(stored: StoredRecord): DecisionRecord {
  return {
    ...(JSON.parse(stored.json) as Omit<DecisionRecord, 'context' | 'occurredAt' | 'decidedAt'>),
    occurredAt: new Date(stored.occurredAtMs),
    decidedAt: new Date(stored.decidedAtMs),
    context: JSON.parse(stored.contextJson) as Record<string, unknown>,
  };
}

/**
 * `DecisionLog` in process memory. `record` runs to completion without awaiting, so claim,
 * record and outbox entry appear together, exactly like the Firestore batch.
 */
export class MemoryDecisionLog implements DecisionLog {
  /** `clientId \n transactionId` → decisionId. */
  readonly #claims = new Map<string, string>();
  readonly #records = new Map<string, StoredRecord>();
  /** decisionId → due time of the outbox entry. */
  readonly #outbox = new Map<string, Date>();

  record(record: DecisionRecord): Promise<RecordResult> {
    const key = `${record.clientId}\n${record.decision.transactionId}`;
    const claimed = this.#claims.get(key);
    if (claimed !== undefined) {
      const existing = this.#records.get(claimed);
      return existing === undefined
        ? Promise.reject(new Error(`idempotency claim points to missing decision ${claimed}`))
        : Promise.resolve({ created: false, existing: load(existing) });
    }
    const { decisionId } = record.decision;
    if (this.#records.has(decisionId)) {
      return Promise.reject(new Error(`decision ${decisionId} was recorded for another claim`));
    }
    this.#claims.set(key, decisionId);
    this.#records.set(decisionId, store(record));
    this.#outbox.set(decisionId, new Date(record.decidedAt));
    return Promise.resolve({ created: true });
  }

  get(decisionId: string): Promise<DecisionRecord | null> {
    const record = this.#records.get(decisionId);
    return Promise.resolve(record === undefined ? null : load(record));
  }

  dueOutbox(olderThan: Date, limit: number): Promise<readonly DecisionRecord[]> {
    const due = [...this.#outbox]
      .filter(([, dueAt]) => dueAt.getTime() <= olderThan.getTime())
      .sort(([idA, a], [idB, b]) => a.getTime() - b.getTime() || (idA < idB ? -1 : 1))
      .slice(0, Math.max(0, limit))
      .flatMap(([id]) => {
        const record = this.#records.get(id);
        return record === undefined ? [] : [load(record)];
      });
    return Promise.resolve(due);
  }

  completeOutbox(decisionId: string): Promise<void> {
    this.#outbox.delete(decisionId);
    return Promise.resolve();
  }
}

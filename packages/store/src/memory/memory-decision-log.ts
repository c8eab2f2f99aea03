import type { DecisionRecord, Escrow } from '@sentinel/contracts';
import type { EscrowReader } from '../ports/escrows.ts';
import type {
  DecidedWindow,
  DecisionLog,
  DecisionPosition,
  RecordResult,
} from '../ports/decision-log.ts';
import type { ForTenant, TenantId } from '../ports/tenancy.ts';
import { MemoryStepUpChallenges } from './memory-step-up-challenges.ts';

/**
 * A copy of a kept record, as the Firestore adapter reads one back (dates stay dates). Records
 * are immutable values (readonly throughout their types), so the log keeps the caller's record as
 * it is and copies only on the way out: records are written on every decision but read back
 * rarely (replays, GET, the sweep). Copying on write instead cost 10 % of the in-memory
 * risk-api's CPU under load (profiled with --cpu-prof).
 */
function copyOf(record: DecisionRecord): DecisionRecord {
  return structuredClone(record);
}

/** An entry of a tenant's decision order. */
interface Ordered {
  readonly at: number;
  readonly id: string;
}

const before = (a: Ordered, b: Ordered) => a.at < b.at || (a.at === b.at && a.id < b.id);

/** The index of the first entry of `order` (sorted) that is not before `position`. */
function lowerBound(order: readonly Ordered[], position: Ordered): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const entry = order[mid];
    if (entry !== undefined && before(entry, position)) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/** The first entry strictly after `p`: ids sort after '', so (at, id + '\0') is just past it. */
const justAfter = (p: DecisionPosition): Ordered => ({
  at: p.decidedAt.getTime(),
  id: `${p.decisionId}\u0000`,
});

/**
 * A simulated commit fault (see `MemoryDecisionLog.setRecordFault`): `record` rejects with the
 * error, or never settles with `'hang'`; a function picks the fault per record (`null` commits it).
 */
export type RecordFault = Error | 'hang' | ((record: DecisionRecord) => Error | 'hang' | null);

/** What forgetting a kept decision removes besides its record. */
interface Kept {
  readonly decisionId: string;
  readonly claim: string;
  readonly tenant: TenantId;
  readonly at: number;
  readonly challengeId?: string;
  readonly holdKey?: string;
}

/**
 * `DecisionLog` in process memory. `record` runs to completion without awaiting, so claim,
 * record and outbox entry appear together, exactly like the Firestore batch.
 *
 * With `maxDecisions` it keeps only the newest that many decisions (oldest recorded first out,
 * with their idempotency claims, challenges and holds), so a long-running local stack or a load
 * run has bounded memory; a decision still waiting in the outbox is never forgotten. A retry of a
 * forgotten transaction is decided afresh, as on Firestore once its documents' TTL has passed.
 * Unbounded by default (tests, the backtest's own logs).
 */
export class MemoryDecisionLog implements DecisionLog {
  readonly #maxDecisions: number;
  /** Kept decisions, oldest recorded first, from `#keptHead` on (a queue without shifting). */
  #kept: Kept[] = [];
  #keptHead = 0;
  /** tenant → how many entries of its `#order` name forgotten decisions. */
  readonly #forgottenInOrder = new Map<TenantId, number>();
  #recordFault: RecordFault | null = null;
  #recordAttempts = 0;
  /** `clientId \n transactionId` → decisionId. */
  readonly #claims = new Map<string, string>();
  readonly #records = new Map<string, DecisionRecord>();
  /** `tenant \n escrowId` → the hold its decision created (the escrow service is Firestore's). */
  readonly #holds = new Map<string, Escrow>();
  /** tenant → its decisions in decision order (decidedAt, then decisionId). */
  readonly #order = new Map<TenantId, Ordered[]>();
  /** decisionId → due time of the outbox entry. */
  readonly #outbox = new Map<string, Date>();
  /** The STEP_UP decisions' challenges, created with their records. */
  readonly challenges = new MemoryStepUpChallenges((tenant, decisionId, outcome) => {
    const record = this.#records.get(decisionId);
    if (record !== undefined && record.clientId === tenant) {
      this.#records.set(decisionId, { ...record, stepUpOutcome: outcome });
    }
  });

  constructor(opts: { readonly maxDecisions?: number } = {}) {
    this.#maxDecisions = opts.maxDecisions ?? Number.POSITIVE_INFINITY;
  }

  /** How many decisions are kept now. */
  get size(): number {
    return this.#records.size;
  }

  /** How many times `record` was called, committed or not. */
  get recordAttempts(): number {
    return this.#recordAttempts;
  }

  /**
   * Test fault hook (instead of replacing the adapter's methods): until cleared with `null`,
   * `record` fails or hangs as `fault` says and commits nothing.
   */
  setRecordFault(fault: RecordFault | null): void {
    this.#recordFault = fault;
  }

  record(record: DecisionRecord): Promise<RecordResult> {
    this.#recordAttempts++;
    const fault =
      typeof this.#recordFault === 'function' ? this.#recordFault(record) : this.#recordFault;
    if (fault === 'hang') {
      return new Promise<never>(() => undefined);
    }
    if (fault !== null) {
      return Promise.reject(fault);
    }
    const key = `${record.clientId}\n${record.decision.transactionId}`;
    const claimed = this.#claims.get(key);
    if (claimed !== undefined) {
      const existing = this.#records.get(claimed);
      return existing === undefined
        ? Promise.reject(new Error(`idempotency claim points to missing decision ${claimed}`))
        : Promise.resolve({ created: false, existing: copyOf(existing) });
    }
    const { decisionId } = record.decision;
    if (this.#records.has(decisionId)) {
      return Promise.reject(new Error(`decision ${decisionId} was recorded for another claim`));
    }
    this.#claims.set(key, decisionId);
    const at = record.decidedAt.getTime();
    this.#remember(record.clientId, { at, id: decisionId });
    this.#kept.push({
      decisionId,
      claim: key,
      tenant: record.clientId,
      at,
      ...(record.challenge === undefined ? {} : { challengeId: record.challenge.id }),
      ...(record.hold === undefined
        ? {}
        : { holdKey: `${record.clientId}\n${record.hold.escrowId}` }),
    });
    if (record.challenge === undefined && record.hold === undefined) {
      this.#records.set(decisionId, record);
    } else {
      // Challenge and hold are documents of their own in Firestore too: records read back never
      // carry them.
      const { challenge, hold, ...kept } = record;
      this.#records.set(decisionId, kept);
      if (challenge !== undefined) {
        this.challenges.create(record.clientId, challenge);
      }
      if (hold !== undefined) {
        this.#holds.set(`${record.clientId}\n${hold.escrowId}`, hold);
      }
    }
    this.#outbox.set(decisionId, new Date(record.decidedAt));
    this.#forgetOldest();
    return Promise.resolve({ created: true });
  }

  /** Drops the oldest kept decisions beyond `maxDecisions`, stopping at one still in the outbox. */
  #forgetOldest(): void {
    while (this.#kept.length - this.#keptHead > this.#maxDecisions) {
      const oldest = this.#kept[this.#keptHead];
      if (oldest === undefined || this.#outbox.has(oldest.decisionId)) {
        break;
      }
      this.#keptHead++;
      this.#records.delete(oldest.decisionId);
      this.#claims.delete(oldest.claim);
      if (oldest.challengeId !== undefined) {
        this.challenges.forget(oldest.challengeId);
      }
      if (oldest.holdKey !== undefined) {
        this.#holds.delete(oldest.holdKey);
      }
      // Its entry in the tenant's order stays until the order is compacted: removing it from
      // the front of a long array on every decision was 7 % of the in-memory risk-api's CPU.
      const forgotten = (this.#forgottenInOrder.get(oldest.tenant) ?? 0) + 1;
      const order = this.#order.get(oldest.tenant) ?? [];
      if (forgotten > 1024 && forgotten * 2 > order.length) {
        this.#order.set(
          oldest.tenant,
          order.filter((o) => this.#records.has(o.id)),
        );
        this.#forgottenInOrder.delete(oldest.tenant);
      } else {
        this.#forgottenInOrder.set(oldest.tenant, forgotten);
      }
    }
    if (this.#keptHead > 1024 && this.#keptHead * 2 > this.#kept.length) {
      this.#kept = this.#kept.slice(this.#keptHead);
      this.#keptHead = 0;
    }
  }

  /** The holds as their decisions created them: memory mode has no escrow service to move them. */
  readonly escrows: ForTenant<EscrowReader> = {
    forTenant: (tenant) => ({
      get: (escrowId) => {
        const hold = this.#holds.get(`${tenant}\n${escrowId}`);
        return Promise.resolve(hold === undefined ? null : structuredClone(hold));
      },
    }),
  };

  get(tenant: TenantId, decisionId: string): Promise<DecisionRecord | null> {
    const record = this.#records.get(decisionId);
    return Promise.resolve(
      record === undefined || record.clientId !== tenant ? null : copyOf(record),
    );
  }

  dueOutbox(olderThan: Date, limit: number): Promise<readonly DecisionRecord[]> {
    const due = [...this.#outbox]
      .filter(([, dueAt]) => dueAt.getTime() <= olderThan.getTime())
      .sort(([idA, a], [idB, b]) => a.getTime() - b.getTime() || (idA < idB ? -1 : 1))
      .slice(0, Math.max(0, limit))
      .flatMap(([id]) => {
        const record = this.#records.get(id);
        return record === undefined ? [] : [copyOf(record)];
      });
    return Promise.resolve(due);
  }

  /**
   * Yields the kept records themselves, not copies: records are immutable values (readonly
   * throughout), and a backtest reads hundreds of thousands of them — a structured clone each
   * (15 µs measured) would cost several times the replay itself. Each page is found by binary
   * search from where the last one ended, so records recorded meanwhile are not skipped.
   */
  // eslint-disable-next-line @typescript-eslint/require-await -- the port's shape; memory has nothing to await
  async *decidedWithin(
    tenant: TenantId,
    window: DecidedWindow,
    pageSize: number,
  ): AsyncIterable<readonly DecisionRecord[]> {
    const size = Math.max(1, Math.floor(pageSize));
    const to = window.to.getTime();
    let from: Ordered =
      window.after === undefined || window.after.decidedAt.getTime() < window.from.getTime()
        ? { at: window.from.getTime(), id: '' }
        : justAfter(window.after);
    for (;;) {
      const order = this.#order.get(tenant) ?? [];
      const page: DecisionRecord[] = [];
      for (let i = lowerBound(order, from); i < order.length && page.length < size; i++) {
        const entry = order[i];
        if (entry === undefined || entry.at >= to) {
          break;
        }
        const record = this.#records.get(entry.id);
        if (record !== undefined) {
          page.push(record);
        }
      }
      const last = page.at(-1);
      if (last === undefined) {
        return;
      }
      yield page;
      if (page.length < size) {
        return;
      }
      from = justAfter({ decidedAt: last.decidedAt, decisionId: last.decision.decisionId });
    }
  }

  /** Keeps the tenant's order sorted; records mostly arrive in order, so this is mostly a push. */
  #remember(tenant: TenantId, entry: Ordered): void {
    let order = this.#order.get(tenant);
    if (order === undefined) {
      order = [];
      this.#order.set(tenant, order);
    }
    const last = order.at(-1);
    if (last === undefined || before(last, entry)) {
      order.push(entry);
    } else {
      order.splice(lowerBound(order, entry), 0, entry);
    }
  }

  completeOutbox(decisionId: string): Promise<void> {
    this.#outbox.delete(decisionId);
    this.#forgetOldest();
    return Promise.resolve();
  }
}

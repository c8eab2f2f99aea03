import {
  EMPTY_HISTORY,
  type BehaviorBaseline,
  type UserHistory,
  type UserProfile,
} from '@sentinel/engine';
import type {
  DocumentData,
  DocumentReference,
  DocumentSnapshot,
  Firestore,
} from '@google-cloud/firestore';
import {
  NEVER_FROZEN,
  type AccountFreeze,
  type FreezeOrder,
  type UnfreezeOrder,
} from '../ports/account-freezes.ts';
import type { SessionsAdded } from '../ports/behavior-store.ts';
import type { SightingUpdate } from '../ports/device-sightings.ts';
import type { RiskSnapshot, SnapshotOptions } from '../ports/payer-snapshots.ts';
import type { HistoryUpdate } from '../ports/payment-history.ts';
import type { TenantRiskState } from '../ports/risk-state.ts';
import { applyFreeze, applyUnfreeze } from '../behavior/freeze-state.ts';
import { appendSessions } from '../behavior/session-buffer.ts';
import { addFailedLogin, mergeHistory } from '../history/merge-history.ts';
import { KeyedSerial, type Clock } from '@sentinel/kernel';
import { BaselineCache } from './baseline-cache.ts';
import type { BatchedWrites } from './batched-writes.ts';
import type { DocumentForm } from './document-form.ts';
import { KnownHistories } from './known-histories.ts';
import { BaselineDoc, toBaselineData } from './baseline-doc.ts';
import { withEnrolledFactors } from '../factors/enrolled-factors.ts';
import { BASELINE_VERSIONS, COLLECTIONS, deviceKey, revisionId } from './collections.ts';
import { FactorsEnrolmentDoc } from './factors-doc.ts';
import { parseOptional } from './parse-document.ts';
import { readHistory, toHistoryData } from './history-doc.ts';
import { AccountFreezeDoc, SimSwapSignalDoc, UserProfileDoc } from './schemas.ts';
import { SessionsDoc, toSessionsData } from './sessions-doc.ts';
import { appendSighting, readDeviceSightings, StaleSightings } from './sightings-doc.ts';
import { storeCall } from './store-call.ts';
import { storable } from './storable.ts';

// Plain re-reads before a history update falls back to a transaction (see #updateHistory).
const OPTIMISTIC_REREADS = 2;

/**
 * One tenant's ports on Firestore, under `tenants/{tenant}/`: `users/{userId}`,
 * `factors/{userId}` (the auth service's, read only), `userHistory/{userId}`,
 * `behaviorBaselines/{userId}`, `accountFreezes/{userId}` and `deviceSightings/{sha256(deviceId)}`,
 * plus the shared `simSwapSignals/{E.164}` — the hot path is one `getAll` of those seven
 * documents — and `behaviorSessions/{userId}` and the baselines'
 * versions for enrolment. Built by `FirestoreRiskStateStore.forTenant`, one per tenant, so its
 * caches (baselines, history versions, stale sightings) are per tenant too.
 */
export class FirestoreTenantState implements TenantRiskState {
  readonly #db: Firestore;
  readonly #root: DocumentReference;
  readonly #signals: (phoneNumber: string) => DocumentReference;
  readonly #baselines: BaselineCache;
  readonly #freezes = new KeyedSerial();
  /**
   * One history update per user at a time in this instance: the second waits for the first's
   * write and merges into the version it wrote, instead of finding that version taken (each known
   * version is used once) and paying a re-read or a transaction (a third of the deliveries under
   * the emulator benchmark's load did).
   */
  readonly #historyUpdates = new KeyedSerial();
  readonly #staleSightings = new StaleSightings();
  readonly #histories: KnownHistories;
  readonly #writes: BatchedWrites;
  readonly #documentForm: DocumentForm;
  readonly #clock: Pick<Clock, 'setTimer'>;

  constructor(
    db: Firestore,
    root: DocumentReference,
    signals: (phoneNumber: string) => DocumentReference,
    opts: {
      readonly clock: Pick<Clock, 'setTimer'>;
      readonly baselineCacheEntries?: number | undefined;
      /** Delivery writes (history, sightings) share batches with other decisions' writes. */
      readonly writes: BatchedWrites;
      /** How histories are written (document-form.ts; default text). */
      readonly documentForm?: DocumentForm | undefined;
    },
  ) {
    this.#writes = opts.writes;
    this.#documentForm = opts.documentForm ?? 'text';
    this.#histories = new KnownHistories(opts.writes, this.#documentForm);
    this.#db = db;
    this.#root = root;
    this.#signals = signals;
    this.#clock = opts.clock;
    this.#baselines = new BaselineCache(opts.baselineCacheEntries);
  }

  readSnapshot(userId: string, phoneNumber: string, opts: SnapshotOptions): Promise<RiskSnapshot> {
    const { deviceId } = opts;
    return storeCall(
      'risk snapshot read',
      { timeoutMs: opts.timeoutMs, clock: this.#clock },
      async () => {
        const refs = [
          this.#user(userId),
          this.#factors(userId),
          this.#signals(phoneNumber),
          this.#history(userId),
          this.#baseline(userId),
          this.#freeze(userId),
          ...(deviceId === undefined ? [] : [this.#sightings(deviceId)]),
        ];
        const [profile, factors, signal, history, baseline, freeze, sightings] =
          await this.#db.getAll(...refs);
        if (
          profile === undefined ||
          factors === undefined ||
          signal === undefined ||
          history === undefined ||
          baseline === undefined ||
          freeze === undefined ||
          (deviceId !== undefined && sightings === undefined)
        ) {
          throw new Error('getAll returned fewer documents than requested');
        }
        let deviceSightings: RiskSnapshot['deviceSightings'] = [];
        if (deviceId !== undefined && sightings !== undefined) {
          const read = readDeviceSightings(deviceId, sightings);
          this.#staleSightings.seen(deviceId, read.stale);
          deviceSightings = read.sightings;
        }
        const userHistory = history.exists ? readHistory(history) : EMPTY_HISTORY;
        this.#histories.seen(userId, history, userHistory);
        return {
          ...withEnrolledFactors(
            parseOptional(UserProfileDoc, profile),
            parseOptional(FactorsEnrolmentDoc, factors),
          ),
          simSwap: parseOptional(SimSwapSignalDoc, signal),
          history: userHistory,
          baseline: this.#baselines.read(userId, baseline),
          accountFrozen: parseOptional(AccountFreezeDoc, freeze)?.frozen ?? false,
          deviceSightings,
        };
      },
    );
  }

  async getProfile(userId: string): Promise<UserProfile | null> {
    return parseOptional(UserProfileDoc, await this.#user(userId).get());
  }

  async putProfile(profile: UserProfile): Promise<void> {
    await this.#user(profile.userId).set(storable(profile));
  }

  async deleteProfile(userId: string): Promise<void> {
    await this.#user(userId).delete();
  }

  applyHistory(update: HistoryUpdate): Promise<void> {
    return this.#updateHistory(update.userId, (current) => mergeHistory(current, update));
  }

  recordFailedLogin(userId: string, at: Date): Promise<void> {
    return this.#updateHistory(userId, (current) => addFailedLogin(current, at));
  }

  /** See sightings-doc.ts: array transforms, not a transaction; pruned when stale entries pile up. */
  async recordSighting(update: SightingUpdate): Promise<void> {
    const prune = this.#staleSightings.mustPrune(update.deviceId);
    await appendSighting(this.#sightings(update.deviceId), update, prune, this.#writes);
    if (prune) {
      this.#staleSightings.seen(update.deviceId, 0);
    }
  }

  async addSessions(
    userId: string,
    sessions: readonly (readonly number[])[],
  ): Promise<SessionsAdded> {
    const ref = this.#sessions(userId);
    return this.#db.runTransaction(async (tx) => {
      const current = parseOptional(SessionsDoc, await tx.get(ref)) ?? [];
      const next = appendSessions(current, sessions);
      tx.set(ref, toSessionsData(next.sessions));
      return next.result;
    });
  }

  async listSessions(userId: string): Promise<readonly (readonly number[])[]> {
    return parseOptional(SessionsDoc, await this.#sessions(userId).get()) ?? [];
  }

  saveBaseline(userId: string, baseline: BehaviorBaseline): Promise<BehaviorBaseline> {
    const current = this.#baseline(userId);
    // Read before write in a transaction: concurrent enrolments get distinct versions.
    return this.#db.runTransaction(async (tx) => {
      const previous = await tx.get(current);
      const version = previous.exists ? Number(previous.get('version')) + 1 : 1;
      const stored: BehaviorBaseline = { ...baseline, version };
      const data = toBaselineData(stored);
      tx.set(current, data);
      tx.create(current.collection(BASELINE_VERSIONS).doc(revisionId(version)), data);
      return stored;
    });
  }

  async getBaseline(userId: string, version?: number): Promise<BehaviorBaseline | null> {
    const ref =
      version === undefined
        ? this.#baseline(userId)
        : this.#baseline(userId).collection(BASELINE_VERSIONS).doc(revisionId(version));
    return parseOptional(BaselineDoc, await ref.get());
  }

  /**
   * A fleet decision orders a freeze of every account seen on the device, most of them frozen by
   * the decision before it; a burst of fleet decisions made the same few documents contend
   * (50 payments of 50 accounts from one device: 1,030 freeze orders, 7.9 s each on average on
   * the emulator). So orders for one account run one at a time in this instance, and a plain
   * read settles those that change nothing without a transaction.
   */
  freezeAccount(order: FreezeOrder): Promise<void> {
    return this.#freezes.run(order.userId, async () => {
      const ref = this.#freeze(order.userId);
      if (applyFreeze(readFreeze(await ref.get()), order) === null) {
        return;
      }
      await this.#readModifyWrite(ref, readFreeze, (current) => applyFreeze(current, order));
    });
  }

  async unfreezeAccount(order: UnfreezeOrder): Promise<AccountFreeze> {
    let state: AccountFreeze = NEVER_FROZEN;
    await this.#readModifyWrite(this.#freeze(order.userId), readFreeze, (current) => {
      const next = applyUnfreeze(current, order);
      state = next ?? current;
      return next;
    });
    return state;
  }

  async getAccountFreeze(userId: string): Promise<AccountFreeze> {
    return readFreeze(await this.#freeze(userId).get());
  }

  /**
   * Optimistic, then pessimistic: a precondition write on the version the hot path last read
   * (known-histories.ts); if that version is gone or stale, a plain read and a precondition write
   * again (no lock held in between), twice; only then a transaction. Transactions hold their locks
   * from read to commit, and on an overloaded emulator thousands of them queued behind each other
   * ("Transaction lock timeout"), stalling the outbox's drain.
   */
  #updateHistory(
    userId: string,
    change: (current: UserHistory) => UserHistory | null,
  ): Promise<void> {
    return this.#historyUpdates.run(userId, () => this.#updateHistoryNow(userId, change));
  }

  async #updateHistoryNow(
    userId: string,
    change: (current: UserHistory) => UserHistory | null,
  ): Promise<void> {
    const ref = this.#history(userId);
    for (let attempt = 0; attempt <= OPTIMISTIC_REREADS; attempt++) {
      if (attempt > 0) {
        const snapshot = await ref.get();
        const current = snapshot.exists ? readHistory(snapshot) : EMPTY_HISTORY;
        this.#histories.seen(userId, snapshot, current);
      }
      if (await this.#histories.write(userId, ref, change)) {
        return;
      }
    }
    await this.#readModifyWrite(
      ref,
      (s) => (s.exists ? readHistory(s) : EMPTY_HISTORY),
      change,
      (history) => toHistoryData(history, this.#documentForm),
    );
  }

  /**
   * Read-modify-write in a transaction; `change` returns null when nothing changes. `toData`: the
   * document for a value (default: the value itself, as Firestore maps).
   */
  async #readModifyWrite<T extends object>(
    ref: DocumentReference,
    read: (snapshot: DocumentSnapshot) => T,
    change: (current: T) => T | null,
    toData: (value: T) => DocumentData = storable,
  ): Promise<void> {
    await this.#db.runTransaction(async (tx) => {
      const next = change(read(await tx.get(ref)));
      if (next !== null) {
        tx.set(ref, toData(next));
      }
    });
  }

  #user(userId: string): DocumentReference {
    return this.#root.collection(COLLECTIONS.users).doc(userId);
  }

  /** The auth service's record of the customer's factors (`FirestoreCustomerFactors` writes it). */
  #factors(userId: string): DocumentReference {
    return this.#root.collection(COLLECTIONS.factors).doc(userId);
  }

  #history(userId: string): DocumentReference {
    return this.#root.collection(COLLECTIONS.userHistory).doc(userId);
  }

  #baseline(userId: string): DocumentReference {
    return this.#root.collection(COLLECTIONS.behaviorBaselines).doc(userId);
  }

  #sessions(userId: string): DocumentReference {
    return this.#root.collection(COLLECTIONS.behaviorSessions).doc(userId);
  }

  #freeze(userId: string): DocumentReference {
    return this.#root.collection(COLLECTIONS.accountFreezes).doc(userId);
  }

  #sightings(deviceId: string): DocumentReference {
    return this.#root.collection(COLLECTIONS.deviceSightings).doc(deviceKey(deviceId));
  }
}

function readFreeze(snapshot: DocumentSnapshot): AccountFreeze {
  return parseOptional(AccountFreezeDoc, snapshot) ?? NEVER_FROZEN;
}

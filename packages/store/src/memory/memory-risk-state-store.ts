import {
  EMPTY_HISTORY,
  type BehaviorBaseline,
  type PaymentMemory,
  type SimSwapSignal,
  type UserHistory,
  type UserProfile,
} from '@sentinel/engine';
import {
  NEVER_FROZEN,
  type AccountFreeze,
  type FreezeOrder,
  type UnfreezeOrder,
} from '../ports/account-freezes.ts';
import type { SessionsAdded } from '../ports/behavior-store.ts';
import type { FactorsEnrolment } from '../ports/customer-factors.ts';
import type { SightingUpdate } from '../ports/device-sightings.ts';
import {
  StoreUnavailableError,
  type RiskSnapshot,
  type SnapshotOptions,
} from '../ports/payer-snapshots.ts';
import type { HistoryUpdate } from '../ports/payment-history.ts';
import type { RiskStateStore, TenantRiskState } from '../ports/risk-state.ts';
import { checkTenantId, type TenantId } from '../ports/tenancy.ts';
import { applyFreeze, applyUnfreeze } from '../behavior/freeze-state.ts';
import { mergeSighting, type StoredSighting } from '../behavior/merge-sightings.ts';
import { appendSessions } from '../behavior/session-buffer.ts';
import { addFailedLogin, mergeHistory } from '../history/merge-history.ts';
import { withEnrolledFactors } from '../factors/enrolled-factors.ts';
import { BoundedMap } from '@sentinel/kernel';
import { deepFreeze, frozenCopy } from './frozen-copy.ts';
import { MemoryCustomerFactors } from './memory-customer-factors.ts';

/**
 * A frozen copy of what `applyHistory` keeps of an update: its fields one by one, dates as new
 * dates, each new object frozen as it is made (all of them flat). structuredClone of it was 3 % of
 * the in-memory risk-api's CPU under load, a deep freeze of the whole merged history another 2 %,
 * and a deepFreeze walk of this copy 1 % (profiled); the merged history shares the kept entries,
 * so only the update is copied and frozen.
 */
function frozenHistoryUpdate(u: HistoryUpdate): HistoryUpdate {
  const p = u.payment;
  const payment: PaymentMemory = Object.freeze({
    decisionId: p.decisionId,
    at: Object.freeze(new Date(p.at)),
    amount: Object.freeze({ minor: p.amount.minor, currency: p.amount.currency }),
    ...(p.payeeAccountId === undefined ? {} : { payeeAccountId: p.payeeAccountId }),
    action: p.action,
  });
  return Object.freeze({
    userId: u.userId,
    payment,
    ...(u.location === undefined
      ? {}
      : { location: Object.freeze({ ...u.location, at: Object.freeze(new Date(u.location.at)) }) }),
    ...(u.imei === undefined
      ? {}
      : { imei: Object.freeze({ ...u.imei, at: Object.freeze(new Date(u.imei.at)) }) }),
  });
}

/** The calls a test can make fail (see `MemoryRiskStateStore.setFault`). */
export type FaultableCall =
  'readSnapshot' | 'getProfile' | 'applyHistory' | 'freezeAccount' | 'putSimSwapSignal' | 'ping';

/**
 * What every tenant's view shares with the store: the signals, the simulated outage and faults,
 * and its tenant's factors records (the auth service's, when composed on the same store).
 */
interface Platform {
  readonly signals: ReadonlyMap<string, SimSwapSignal>;
  readonly factors: (userId: string) => FactorsEnrolment | null;
  readonly available: () => boolean;
  readonly faulted: (call: FaultableCall) => Promise<never> | undefined;
  /** Devices whose sightings a tenant's view keeps (see `MemoryTenantState`). */
  readonly maxDevices: number;
}

/**
 * Devices a tenant's view remembers sightings of, newest written first kept: one entry per device
 * ever seen grew without end in a long-running `npm start` or load run (about 200 B each). The
 * fleet rule reads two hours of a device's sightings at most (SIGHTINGS_WINDOW); at this bound a
 * device is forgotten only after 100,000 others were seen since its last sighting.
 */
export const MEMORY_MAX_DEVICES = 100_000;

/** One tenant's ports in process memory (built by `MemoryRiskStateStore.forTenant`). */
export class MemoryTenantState implements TenantRiskState {
  readonly #platform: Platform;
  readonly #profiles = new Map<string, UserProfile>();
  readonly #histories = new Map<string, UserHistory>();
  readonly #sightings: BoundedMap<string, readonly StoredSighting[]>;
  readonly #sessions = new Map<string, readonly (readonly number[])[]>();
  /** userId → every stored version, oldest first. */
  readonly #baselines = new Map<string, readonly BehaviorBaseline[]>();
  readonly #freezes = new Map<string, AccountFreeze>();

  constructor(platform: Platform) {
    this.#platform = platform;
    this.#sightings = new BoundedMap(platform.maxDevices);
  }

  readSnapshot(userId: string, phoneNumber: string, opts?: SnapshotOptions): Promise<RiskSnapshot> {
    const faulted = this.#platform.faulted('readSnapshot');
    if (faulted !== undefined) {
      return faulted;
    }
    if (!this.#platform.available()) {
      return Promise.reject(new StoreUnavailableError('risk state store is down (simulated)'));
    }
    const deviceId = opts?.deviceId;
    const sightings = deviceId === undefined ? [] : (this.#sightings.get(deviceId) ?? []);
    return Promise.resolve({
      ...withEnrolledFactors(this.#profiles.get(userId) ?? null, this.#platform.factors(userId)),
      simSwap: this.#platform.signals.get(phoneNumber) ?? null,
      history: this.#histories.get(userId) ?? EMPTY_HISTORY,
      baseline: this.#baselines.get(userId)?.at(-1) ?? null,
      accountFrozen: this.#freeze(userId).frozen,
      deviceSightings:
        deviceId === undefined
          ? []
          : sightings.map((s) => ({ userId: s.userId, deviceId, at: s.at, bound: s.bound })),
    });
  }

  getProfile(userId: string): Promise<UserProfile | null> {
    return (
      this.#platform.faulted('getProfile') ?? Promise.resolve(this.#profiles.get(userId) ?? null)
    );
  }

  putProfile(profile: UserProfile): Promise<void> {
    this.#profiles.set(profile.userId, frozenCopy(profile));
    return Promise.resolve();
  }

  deleteProfile(userId: string): Promise<void> {
    this.#profiles.delete(userId);
    return Promise.resolve();
  }

  applyHistory(update: HistoryUpdate): Promise<void> {
    const faulted = this.#platform.faulted('applyHistory');
    if (faulted !== undefined) {
      return faulted;
    }
    const merged = mergeHistory(this.#history(update.userId), frozenHistoryUpdate(update));
    if (merged !== null) {
      // Every entry is the kept history's (frozen when kept) or the frozen copy of the update:
      // only the new containers need freezing, not a walk of the whole history.
      Object.freeze(merged.recentPayments);
      Object.freeze(merged.failedLogins);
      this.#histories.set(update.userId, Object.freeze(merged));
    }
    return Promise.resolve();
  }

  recordSighting(update: SightingUpdate): Promise<void> {
    const current = this.#sightings.get(update.deviceId) ?? [];
    // mergeSighting builds the stored sighting from the update's fields; only its date is shared.
    const merged = mergeSighting(current, { ...update, at: new Date(update.at) });
    if (merged !== null) {
      this.#sightings.set(update.deviceId, deepFreeze(merged));
    }
    return Promise.resolve();
  }

  recordFailedLogin(userId: string, at: Date): Promise<void> {
    this.#histories.set(userId, deepFreeze(addFailedLogin(this.#history(userId), new Date(at))));
    return Promise.resolve();
  }

  addSessions(userId: string, sessions: readonly (readonly number[])[]): Promise<SessionsAdded> {
    const next = appendSessions(this.#sessions.get(userId) ?? [], structuredClone(sessions));
    this.#sessions.set(userId, deepFreeze(next.sessions));
    return Promise.resolve(next.result);
  }

  listSessions(userId: string): Promise<readonly (readonly number[])[]> {
    return Promise.resolve(this.#sessions.get(userId) ?? []);
  }

  saveBaseline(userId: string, baseline: BehaviorBaseline): Promise<BehaviorBaseline> {
    const versions = this.#baselines.get(userId) ?? [];
    const stored = frozenCopy({ ...baseline, version: (versions.at(-1)?.version ?? 0) + 1 });
    this.#baselines.set(userId, [...versions, stored]);
    return Promise.resolve(stored);
  }

  getBaseline(userId: string, version?: number): Promise<BehaviorBaseline | null> {
    const versions = this.#baselines.get(userId) ?? [];
    const found = version === undefined ? versions.at(-1) : versions[version - 1];
    return Promise.resolve(found ?? null);
  }

  freezeAccount(order: FreezeOrder): Promise<void> {
    const faulted = this.#platform.faulted('freezeAccount');
    if (faulted !== undefined) {
      return faulted;
    }
    const next = applyFreeze(this.#freeze(order.userId), structuredClone(order));
    if (next !== null) {
      this.#freezes.set(order.userId, deepFreeze(next));
    }
    return Promise.resolve();
  }

  unfreezeAccount(order: UnfreezeOrder): Promise<AccountFreeze> {
    const next = applyUnfreeze(this.#freeze(order.userId), structuredClone(order));
    if (next !== null) {
      this.#freezes.set(order.userId, deepFreeze(next));
    }
    return Promise.resolve(this.#freeze(order.userId));
  }

  getAccountFreeze(userId: string): Promise<AccountFreeze> {
    return Promise.resolve(this.#freeze(userId));
  }

  #history(userId: string): UserHistory {
    return this.#histories.get(userId) ?? EMPTY_HISTORY;
  }

  #freeze(userId: string): AccountFreeze {
    return this.#freezes.get(userId) ?? NEVER_FROZEN;
  }
}

/**
 * The risk state in process memory: the local fallback when no emulator runs, and the unit tests'
 * store. Same semantics as the Firestore adapter (one contract suite): SIM swap signals shared by
 * every tenant, everything else per tenant (`forTenant`). Values are deep copied and frozen on the
 * way in and handed out frozen, so callers can never mutate stored state.
 */
export class MemoryRiskStateStore implements RiskStateStore {
  /**
   * The customers' factors this store's snapshots read: hand it to the auth service's factor
   * service (or pass the one it uses) so both see the same records, as on Firestore.
   */
  readonly factors: MemoryCustomerFactors;
  readonly #signals = new Map<string, SimSwapSignal>();
  readonly #tenants = new Map<TenantId, MemoryTenantState>();
  #available = true;
  readonly #faults = new Map<FaultableCall, Error | 'hang'>();

  readonly #maxDevices: number;

  constructor(
    opts: { readonly factors?: MemoryCustomerFactors; readonly maxDevices?: number } = {},
  ) {
    this.factors = opts.factors ?? new MemoryCustomerFactors();
    this.#maxDevices = opts.maxDevices ?? MEMORY_MAX_DEVICES;
  }

  /** Simulates an outage: while false, `readSnapshot` and `ping` throw `StoreUnavailableError`. */
  setAvailable(available: boolean): void {
    this.#available = available;
  }

  /**
   * Test fault hook (instead of replacing the adapter's methods): until cleared with `null`, the
   * call rejects with `fault`, or never settles with `'hang'` (a blackholed connection). Applies to
   * every tenant's view, like an outage.
   */
  setFault(call: FaultableCall, fault: Error | 'hang' | null): void {
    if (fault === null) {
      this.#faults.delete(call);
    } else {
      this.#faults.set(call, fault);
    }
  }

  #faulted(call: FaultableCall): Promise<never> | undefined {
    const fault = this.#faults.get(call);
    if (fault === undefined) {
      return undefined;
    }
    return fault === 'hang' ? new Promise<never>(() => undefined) : Promise.reject(fault);
  }

  forTenant(tenant: TenantId): MemoryTenantState {
    let state = this.#tenants.get(checkTenantId(tenant));
    if (state === undefined) {
      state = new MemoryTenantState({
        signals: this.#signals,
        factors: (userId) => this.factors.enrolment(tenant, userId),
        available: () => this.#available,
        faulted: (call) => this.#faulted(call),
        maxDevices: this.#maxDevices,
      });
      this.#tenants.set(tenant, state);
    }
    return state;
  }

  getSimSwapSignal(phoneNumber: string): Promise<SimSwapSignal | null> {
    return Promise.resolve(this.#signals.get(phoneNumber) ?? null);
  }

  putSimSwapSignal(signal: SimSwapSignal): Promise<void> {
    const faulted = this.#faulted('putSimSwapSignal');
    if (faulted !== undefined) {
      return faulted;
    }
    this.#signals.set(signal.phoneNumber, frozenCopy(signal));
    return Promise.resolve();
  }

  ping(_opts?: { readonly timeoutMs: number }): Promise<void> {
    const faulted = this.#faulted('ping');
    if (faulted !== undefined) {
      return faulted;
    }
    return this.#available
      ? Promise.resolve()
      : Promise.reject(new StoreUnavailableError('risk state store is down (simulated)'));
  }
}

import {
  EMPTY_HISTORY,
  type SimSwapSignal,
  type UserHistory,
  type UserProfile,
} from '@sentinel/engine';
import {
  StoreUnavailableError,
  type HistoryUpdate,
  type RiskSnapshot,
  type RiskStateStore,
} from '../../ports/risk-state.ts';
import { addFailedLogin, mergeHistory } from '../history/merge-history.ts';
import { deepFreeze, frozenCopy } from './frozen-copy.ts';

/**
 * `RiskStateStore` in process memory: the local fallback when no emulator runs, and the unit
 * tests' store. Same semantics as the Firestore adapter (one contract suite); values are deep
 * copied and frozen on the way in and handed out frozen, so callers can never mutate stored state.
 */
export class MemoryRiskStateStore implements RiskStateStore {
  readonly #profiles = new Map<string, UserProfile>();
  readonly #signals = new Map<string, SimSwapSignal>();
  readonly #histories = new Map<string, UserHistory>();
  #available = true;

  /** Simulates an outage: while false, `readSnapshot` and `ping` throw `StoreUnavailableError`. */
  setAvailable(available: boolean): void {
    this.#available = available;
  }

  readSnapshot(
    userId: string,
    phoneNumber: string,
    _opts?: { readonly timeoutMs: number },
  ): Promise<RiskSnapshot> {
    if (!this.#available) {
      return Promise.reject(new StoreUnavailableError('risk state store is down (simulated)'));
    }
    return Promise.resolve({
      profile: this.#profiles.get(userId) ?? null,
      simSwap: this.#signals.get(phoneNumber) ?? null,
      history: this.#histories.get(userId) ?? EMPTY_HISTORY,
    });
  }

  getProfile(userId: string): Promise<UserProfile | null> {
    return Promise.resolve(this.#profiles.get(userId) ?? null);
  }

  putProfile(profile: UserProfile): Promise<void> {
    this.#profiles.set(profile.userId, frozenCopy(profile));
    return Promise.resolve();
  }

  deleteProfile(userId: string): Promise<void> {
    this.#profiles.delete(userId);
    return Promise.resolve();
  }

  getSimSwapSignal(phoneNumber: string): Promise<SimSwapSignal | null> {
    return Promise.resolve(this.#signals.get(phoneNumber) ?? null);
  }

  putSimSwapSignal(signal: SimSwapSignal): Promise<void> {
    this.#signals.set(signal.phoneNumber, frozenCopy(signal));
    return Promise.resolve();
  }

  applyHistory(update: HistoryUpdate): Promise<void> {
    const merged = mergeHistory(this.#history(update.userId), structuredClone(update));
    if (merged !== null) {
      this.#histories.set(update.userId, deepFreeze(merged));
    }
    return Promise.resolve();
  }

  recordFailedLogin(userId: string, at: Date): Promise<void> {
    this.#histories.set(userId, deepFreeze(addFailedLogin(this.#history(userId), new Date(at))));
    return Promise.resolve();
  }

  ping(_opts?: { readonly timeoutMs: number }): Promise<void> {
    return this.#available
      ? Promise.resolve()
      : Promise.reject(new StoreUnavailableError('risk state store is down (simulated)'));
  }

  #history(userId: string): UserHistory {
    return this.#histories.get(userId) ?? EMPTY_HISTORY;
  }
}

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

/**
 * `RiskStateStore` in process memory: the local fallback when no emulator runs, and the unit
 * tests' store. Same semantics as the Firestore adapter (one contract suite); values are deep
 * copied on the way in and out, so callers can never mutate stored state.
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
      profile: copyOrNull(this.#profiles.get(userId)),
      simSwap: copyOrNull(this.#signals.get(phoneNumber)),
      history: structuredClone(this.#histories.get(userId) ?? EMPTY_HISTORY),
    });
  }

  getProfile(userId: string): Promise<UserProfile | null> {
    return Promise.resolve(copyOrNull(this.#profiles.get(userId)));
  }

  putProfile(profile: UserProfile): Promise<void> {
    this.#profiles.set(profile.userId, structuredClone(profile));
    return Promise.resolve();
  }

  getSimSwapSignal(phoneNumber: string): Promise<SimSwapSignal | null> {
    return Promise.resolve(copyOrNull(this.#signals.get(phoneNumber)));
  }

  putSimSwapSignal(signal: SimSwapSignal): Promise<void> {
    this.#signals.set(signal.phoneNumber, structuredClone(signal));
    return Promise.resolve();
  }

  applyHistory(update: HistoryUpdate): Promise<void> {
    const merged = mergeHistory(this.#history(update.userId), structuredClone(update));
    if (merged !== null) {
      this.#histories.set(update.userId, merged);
    }
    return Promise.resolve();
  }

  recordFailedLogin(userId: string, at: Date): Promise<void> {
    this.#histories.set(userId, addFailedLogin(this.#history(userId), new Date(at)));
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

function copyOrNull<T>(value: T | undefined): T | null {
  return value === undefined ? null : structuredClone(value);
}

import type { AccountFreezes } from './account-freezes.ts';
import type { BehaviorStore } from './behavior-store.ts';
import type { CustomerProfiles } from './customer-profiles.ts';
import type { DeviceSightings } from './device-sightings.ts';
import type { PayerSnapshots } from './payer-snapshots.ts';
import type { PaymentHistory } from './payment-history.ts';
import type { SimSwapSignals } from './sim-swap-signals.ts';
import type { ForTenant } from './tenancy.ts';

/** Every customer-scoped port of one tenant; adapters implement them in one class per tenant. */
export interface TenantRiskState
  extends
    PayerSnapshots,
    CustomerProfiles,
    PaymentHistory,
    DeviceSightings,
    AccountFreezes,
    BehaviorStore {}

/** The store's readiness round trip for `/readyz`. */
export interface StoreHealth {
  /** Throws `StoreUnavailableError` when the store fails or `timeoutMs` passes first. */
  ping(opts: { readonly timeoutMs: number }): Promise<void>;
}

/**
 * What one risk-state adapter provides: the platform-wide SIM swap signals, a readiness ping and
 * each tenant's ports. Only composition roots and contract suites see this whole surface; every
 * consumer takes the ports it uses (`ForTenant<PayerSnapshots>`, `SimSwapSignals`, …).
 */
export interface RiskStateStore extends SimSwapSignals, StoreHealth, ForTenant<TenantRiskState> {}

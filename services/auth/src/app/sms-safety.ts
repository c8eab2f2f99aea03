import { classifySimSwapSignal, DEFAULT_POLICY, type PolicyDocument } from '@sentinel/engine';
import type { PolicyStores, SimSwapSignals, TenantId } from '@sentinel/store';

/** Whether a text message may carry a code to this number now, and if not, why. */
export type SmsSafety =
  | { readonly ok: true; readonly reason?: never }
  | { readonly ok: false; readonly reason: 'SIM_SWAP' | 'SIM_UNKNOWN' };

/** The tenant's effective policy: its override, else the platform default, else the built-in one. */
export function effectivePolicy(stores: PolicyStores) {
  return async (tenant: TenantId): Promise<PolicyDocument> =>
    (await stores.forTenant(tenant).getActive())?.policy ??
    (await stores.platform.getActive())?.policy ??
    DEFAULT_POLICY;
}

/**
 * SMS codes never reach a SIM that was swapped within the policy's `smsOtpBlockedForHours`
 * (SPEC §5, default 168 h), nor a number whose SIM status is unknown or older than
 * `signalMaxAgeSeconds`: a SIM-swapper receives exactly those messages.
 */
export function smsSafety(deps: {
  readonly signals: Pick<SimSwapSignals, 'getSimSwapSignal'>;
  readonly policy: (tenant: TenantId) => Promise<PolicyDocument>;
}) {
  return async (tenant: TenantId, phoneNumber: string, now: Date): Promise<SmsSafety> => {
    const [policy, signal] = await Promise.all([
      deps.policy(tenant),
      deps.signals.getSimSwapSignal(phoneNumber),
    ]);
    if (
      signal === null ||
      classifySimSwapSignal(signal, now, policy.signalMaxAgeSeconds) !== 'FRESH'
    ) {
      return { ok: false, reason: 'SIM_UNKNOWN' };
    }
    const blockedMs = policy.smsOtpBlockedForHours * 3_600_000;
    if (signal.lastSwapAt !== null && now.getTime() - signal.lastSwapAt.getTime() < blockedMs) {
      return { ok: false, reason: 'SIM_SWAP' };
    }
    return { ok: true };
  };
}

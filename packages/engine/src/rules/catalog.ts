import type { RuleKind } from '../rule-kind.ts';
import { accountFrozen } from './account-frozen.ts';
import { amountAnomaly } from './amount-anomaly.ts';
import { behaviorAnomaly } from './behavior-anomaly.ts';
import { callPattern } from './call-pattern.ts';
import { cellTowerChanges } from './cell-tower-changes.ts';
import { dataUsage } from './data-usage.ts';
import { deviceBinding } from './device-binding.ts';
import { deviceChangeAfterSimSwap } from './device-change-after-sim-swap.ts';
import { failedLogins } from './failed-logins.ts';
import { fleetAnomaly } from './fleet-anomaly.ts';
import { imeiDrift } from './imei-drift.ts';
import { impossibleTravel } from './impossible-travel.ts';
import { newPayeeHighAmount } from './new-payee-high-amount.ts';
import { phoneMismatch } from './phone-mismatch.ts';
import { roamingAfterSimSwap } from './roaming-after-sim-swap.ts';
import { simSwapRecency } from './sim-swap-recency.ts';
import { smsPattern } from './sms-pattern.ts';
import { suddenLocationChange } from './sudden-location-change.ts';
import { telcoSignalFreshness } from './telco-signal-freshness.ts';
import { velocityAmount } from './velocity-amount.ts';
import { velocityCount } from './velocity-count.ts';

/** Every rule kind a policy may name. A kind not listed here fails policy validation. */
export const RULE_KINDS: readonly RuleKind[] = [
  simSwapRecency,
  telcoSignalFreshness,
  imeiDrift,
  deviceBinding,
  deviceChangeAfterSimSwap,
  impossibleTravel,
  suddenLocationChange,
  velocityCount,
  velocityAmount,
  amountAnomaly,
  newPayeeHighAmount,
  failedLogins,
  phoneMismatch,
  behaviorAnomaly,
  fleetAnomaly,
  accountFrozen,
  cellTowerChanges,
  dataUsage,
  callPattern,
  smsPattern,
  roamingAfterSimSwap,
];

const BY_KIND: ReadonlyMap<string, RuleKind> = new Map(RULE_KINDS.map((k) => [k.kind, k]));

/** The rule kind named `kind`, or undefined when no such kind exists. */
export function findRuleKind(kind: string): RuleKind | undefined {
  return BY_KIND.get(kind);
}

import type { BehaviorSignal } from './behavior/behavior-signal.ts';
import type { Effects } from './effects.ts';
import type { RuleHit } from './rule.ts';
import type { OfferedMethod, SignalFreshness } from './signals.ts';

export const ACTIONS = ['APPROVE', 'STEP_UP', 'DENY'] as const;
export type Action = (typeof ACTIONS)[number];

export const RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export interface Reason {
  readonly code: string;
  readonly message: string;
  readonly weight: number;
  readonly evidence: RuleHit['evidence'];
}

/** The engine's answer. The service adds ids, URLs, escrow ids and timings around it. */
export interface Assessment {
  readonly action: Action;
  readonly riskScore: number;
  readonly riskLevel: RiskLevel;
  /** Ordered by weight, highest first; stable codes. */
  readonly reasons: readonly Reason[];
  /** Present when action is STEP_UP: the methods that are safe for this customer now. */
  readonly stepUp?: { readonly methods: readonly OfferedMethod[] };
  /** Present when the payment must be held before it is released. */
  readonly escrow?: { readonly reason: string };
  /** This decision freezes the payer's account (it is in `effects.freezes`). */
  readonly freeze: boolean;
  /** What follows from the decision: freezes, history, sighting. The service applies exactly this. */
  readonly effects: Effects;
  readonly signals: {
    readonly simSwap: {
      readonly lastSwapAt: Date | null;
      readonly ageHours: number | null;
      readonly freshness: SignalFreshness;
      readonly source: string | null;
    };
    /** Present when a behaviour snapshot was scored against the user's baseline. */
    readonly behavior?: BehaviorSignal;
  };
  readonly policy: { readonly id: string; readonly version: number };
}

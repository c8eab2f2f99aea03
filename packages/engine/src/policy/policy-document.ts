import type { Action, RiskLevel } from '../assessment.ts';
import type { StepUpMethod } from '../signals.ts';

/**
 * One rule in a policy: which factory builds it (`kind`), under which id, with which parameters.
 * The parameters (weights, thresholds) are validated by the rule kind's own schema; an unknown
 * kind fails validation (closed).
 */
export interface RuleConfig {
  readonly id: string;
  readonly kind: string;
  readonly enabled?: boolean;
  readonly params: Readonly<Record<string, unknown>>;
}

/**
 * The rule policy as plain, versioned data. Stored in Firestore, edited with `PUT /v1/policy`,
 * validated by `compilePolicy` before it can become active.
 */
export interface PolicyDocument {
  readonly id: string;
  /** Assigned by the store on every accepted change; 0 for a policy never stored. */
  readonly version: number;
  readonly description?: string;
  /** A SIM swap signal checked longer ago than this is not FRESH (default 300 s = the 5-minute poll). */
  readonly signalMaxAgeSeconds: number;
  /** SMS one-time codes are never offered this long after a SIM swap (default 168 h). */
  readonly smsOtpBlockedForHours: number;
  /** Score bands: LOW below `mediumFrom`, MEDIUM below `highFrom`, HIGH from there; CRITICAL only from hard rules. */
  readonly levels: { readonly mediumFrom: number; readonly highFrom: number };
  /** The action for each level. */
  readonly actions: Readonly<Record<RiskLevel, Action>>;
  readonly stepUp: {
    /** Methods offered, in order of preference, when the customer has them. */
    readonly preference: readonly StepUpMethod[];
    /** What happens when a step-up is needed but no safe method is left. */
    readonly whenNoSafeMethod: 'DENY' | 'ESCROW';
    readonly challengeTtlSeconds: number;
  };
  readonly escrow: {
    /** The longest a payment is held before it expires unsent (default 24 h). */
    readonly holdHours: number;
    /**
     * What releases a hold besides a passed in-app step-up: a passed out-of-band verification on
     * its own (`VERIFICATION`, the default), or only together with a fresh telco signal that
     * shows no recent swap (`VERIFICATION_AND_CLEAN_SIGNAL`: a call-centre call reaches whoever
     * holds the SIM now).
     */
    readonly release?: 'VERIFICATION' | 'VERIFICATION_AND_CLEAN_SIGNAL';
    /** A failed step-up reverses the hold (default) or keeps it for an operator's review. */
    readonly onStepUpFailed?: 'REVERSE' | 'KEEP';
  };
  /** The answer when the service cannot read its state (Firestore down): never a 500. */
  readonly dependencyUnavailable: {
    readonly action: 'STEP_UP' | 'DENY';
    /** Above this amount (minor units, per currency) the answer is DENY instead. */
    readonly denyFromMinor: Readonly<Record<string, number>>;
  };
  readonly rules: readonly RuleConfig[];
}

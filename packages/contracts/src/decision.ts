import type {
  Action,
  Effects,
  Reason,
  RiskLevel,
  SignalFreshness,
  StepUpMethod,
} from '@sentinel/engine';

/** The answer to `POST /v1/assess-payment`, exactly as it goes over the wire (SPEC §4). */
export interface Decision {
  readonly decisionId: string;
  readonly transactionId: string;
  readonly action: Action;
  readonly riskScore: number;
  readonly riskLevel: RiskLevel;
  readonly reasons: readonly Reason[];
  readonly stepUp?: {
    readonly methods: readonly StepUpMethod[];
    readonly challengeUrl: string;
    readonly expiresAt: string;
  };
  readonly escrow?: {
    readonly status: 'HELD';
    readonly escrowId: string;
    readonly reason: string;
    readonly releaseBy: string;
  };
  readonly freeze: boolean;
  readonly signals: {
    readonly simSwap: {
      readonly lastSwapAt: string | null;
      readonly ageHours: number | null;
      readonly freshness: SignalFreshness;
      readonly source: string | null;
    };
    /**
     * Present when a behaviour snapshot was scored against the user's baseline. `score` is
     * SHIELD's confidence (0–100, high = like the user), the opposite direction of `riskScore`.
     */
    readonly behavior?: {
      readonly score: number;
      readonly distance: number;
      readonly baselineVersion: number;
      readonly topAnomalies: readonly string[];
    };
  };
  readonly policy: { readonly id: string; readonly version: number };
  readonly latencyMs: number;
}

/**
 * What Sentinel keeps about one decision: the answer, who asked, the request fingerprint for
 * idempotency, and the inputs the engine saw (for audit and policy backtests).
 */
export interface DecisionRecord {
  readonly decision: Decision;
  /** The API client that asked (idempotency is scoped per client). */
  readonly clientId: string;
  readonly userId: string;
  readonly phoneNumber: string;
  readonly ipAddress: string;
  readonly amount: { readonly minor: number; readonly currency: string };
  readonly channel: string;
  readonly deviceId: string;
  /** SHA-256 of the canonical request body; a retry with another body is a conflict. */
  readonly requestHash: string;
  readonly occurredAt: Date;
  readonly decidedAt: Date;
  /**
   * The engine's inputs as JSON-safe data (payment, profile, signal, history, sightings, freeze
   * state, the baseline's version), and the full behaviour signal it measured (`behaviorSignal`:
   * z-scores per feature, for the feature inspector).
   */
  readonly context: Readonly<Record<string, unknown>>;
  /**
   * What follows from the decision as the engine said it (accounts to freeze, history to learn,
   * device sighting to record). The outbox delivery applies exactly this, so a later delivery
   * (sweep, fallback outbox) applies the same. Absent only on records written before effects were
   * recorded: their delivery publishes the event and applies nothing else.
   */
  readonly effects?: Effects;
}

// The analyst view's live feed (`GET /v1/console/decisions/stream`) on the wire: what the risk-api
// sends and the page reads, defined once. Each SSE `data:` line is one `FeedItem` as JSON; times
// are RFC 3339, money integer minor units. Projections of the three topics' events
// (risk-decisions, risk-outcomes, escrow-events): pseudonymised keys, never raw personal data.

/** A decision as it was published on `risk-decisions`. */
export interface FeedDecision {
  readonly decisionId: string;
  readonly transactionId: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly decidedAt: string;
  readonly action: 'APPROVE' | 'STEP_UP' | 'DENY';
  readonly riskScore: number;
  readonly riskLevel: string;
  readonly reasons: readonly { readonly code: string; readonly weight: number }[];
  readonly stepUpMethods: readonly string[];
  readonly escrowHeld: boolean;
  readonly escrowId: string | null;
  readonly freeze: boolean;
  readonly amountMinor: number;
  readonly currency: string;
  readonly channel: string;
  readonly policyId: string;
  readonly policyVersion: number;
  readonly latencyMs: number;
  readonly simSwapFreshness: string;
  readonly simSwapAgeHours: number | null;
  readonly behaviorScore: number | null;
  /** The keyed hash of the user id (the event carries no raw id; the detail view has it). */
  readonly userKey: string;
}

/** A step-up result or a bank's label, from `risk-outcomes`. */
export interface FeedOutcome {
  readonly decisionId: string;
  readonly tenantId: string;
  readonly status: string;
  readonly source: string;
  readonly method: string | null;
  readonly completedAt: string;
}

/** A hold's transition, from `escrow-events`. */
export interface FeedEscrow {
  readonly eventId: string;
  readonly decisionId: string;
  readonly tenantId: string;
  readonly escrowId: string;
  readonly status: string;
  readonly cause: string | null;
  readonly heldAt: string;
  readonly occurredAt: string;
  readonly sequence: number;
}

export type FeedItem =
  | { readonly type: 'decision'; readonly decision: FeedDecision }
  | { readonly type: 'outcome'; readonly outcome: FeedOutcome }
  | { readonly type: 'escrow'; readonly escrow: FeedEscrow };

/**
 * The stream's SSE event names besides the default (`message`, one `FeedItem`):
 * - `dropped`: `{ dropped: n }` — the client read too slowly and lost its n oldest queued items;
 * - `replay`: `{ complete: boolean }` — after a reconnect with `Last-Event-ID`, whether every
 *   missed item could be replayed from the instance's ring buffer (false: reload recent state);
 * - `shutdown`: `{}` — the instance is stopping; reconnect (to another instance).
 */
export type FeedControlEvent = 'dropped' | 'replay' | 'shutdown';

/** One feature of a scored snapshot next to the user's baseline (`GET …/features`). */
export interface InspectedFeature {
  readonly name: string;
  /** SPEC §6's group: touch, typing, motion, navigation, temporal, device, device_trust, mouse. */
  readonly group: string;
  /** What the session measured; null when the snapshot lacked it (imputed with the mean). */
  readonly session: number | null;
  /** The baseline's mean and population standard deviation; null when the baseline is gone. */
  readonly mean: number | null;
  readonly std: number | null;
  /** As the engine scored it: (session − mean) / std, two decimals. */
  readonly z: number;
  /** |z| above the engine's threshold, or any change of a feature constant in training. */
  readonly flagged: boolean;
  readonly imputed: boolean;
}

/** `GET /v1/console/decisions/{id}/features`: the feature inspector of one decision. */
export type FeatureInspection =
  | {
      readonly scored: false;
      readonly decisionId: string;
      readonly userId: string;
      readonly reason: string;
    }
  | {
      readonly scored: true;
      readonly decisionId: string;
      readonly userId: string;
      readonly baselineVersion: number;
      readonly baselineSessions: number | null;
      readonly flagAboveZ: number;
      readonly score: number;
      readonly distance: number;
      readonly topAnomalies: readonly string[];
      readonly features: readonly InspectedFeature[];
    };

/**
 * One user's fitted behavioural model, as plain data the service stores (Firestore) and reads back.
 * Scores are SHIELD's confidence scale: 0–100, high = like this user (not Sentinel's risk score).
 */
export interface BehaviorBaseline {
  /** The feature schema the vectors followed (`sentinel-55/1` for SHIELD's 55). */
  readonly schemaVersion: string;
  /** Assigned by the store on every enrolment (as for policies); 0 for one never stored. */
  readonly version: number;
  /** Feature names in vector order. */
  readonly features: readonly string[];
  /** Number of training sessions. */
  readonly n: number;
  readonly means: readonly number[];
  /** Population standard deviations; 1 for constant features. */
  readonly scales: readonly number[];
  /** Features with one value in every training session (any change is flagged). */
  readonly constant: readonly boolean[];
  /** Inverse of the Ledoit–Wolf covariance of the standardised sessions (p × p, symmetric). */
  readonly precision: readonly (readonly number[])[];
  /** Ledoit–Wolf shrinkage intensity δ and the identity target's scale μ, for the record. */
  readonly shrinkage: number;
  readonly shrinkageTarget: number;
  /** Mean Mahalanobis distance of the training sessions. */
  readonly meanTrainingDistance: number;
  /** λ = −ln(0.9) / meanTrainingDistance: a typical training session scores 90. */
  readonly lambda: number;
  readonly fittedAt: Date;
}

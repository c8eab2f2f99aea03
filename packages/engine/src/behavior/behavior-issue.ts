/** Stable codes of the problems a feature map or a training set can have. */
export const BEHAVIOR_ISSUE_CODES = [
  'BEHAVIOR.UNKNOWN_FEATURE',
  'BEHAVIOR.MISSING_FEATURE',
  'BEHAVIOR.NON_FINITE',
  'BEHAVIOR.WRONG_LENGTH',
  'BEHAVIOR.TOO_FEW_SESSIONS',
  'BEHAVIOR.DEGENERATE',
] as const;
export type BehaviorIssueCode = (typeof BEHAVIOR_ISSUE_CODES)[number];

/** One problem, with the feature or session it concerns. Never holds a feature's value. */
export interface BehaviorIssue {
  readonly code: BehaviorIssueCode;
  readonly message: string;
  readonly feature?: string;
  /** Index of the training session, for `fitBaseline`. */
  readonly session?: number;
}

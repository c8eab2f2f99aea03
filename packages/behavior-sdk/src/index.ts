// @sentinel/behavior-sdk: records a browser session's behaviour as timings and computes SHIELD's
// 55 features for the risk-api (docs/behavior-sdk.md).
export { createBehaviorCollector } from './collector.ts';
export type { BehaviorCollector, CollectorOptions } from './collector.ts';
export {
  assessmentBehavior,
  behaviorSnapshot,
  computeBehaviorFeatures,
} from './behavior-features.ts';
export type { BehaviorFeatures, BehaviorSnapshot, ComputeOptions } from './behavior-features.ts';
export { createEnrolmentClient, enrolBehavior } from './enrolment-client.ts';
export type {
  ApiProblem,
  ApiResult,
  BaselineSummary,
  EnrolmentClient,
  RiskApiOptions,
  SessionsStored,
} from './enrolment-client.ts';
export type * from './event-log.ts';
export { DEFAULT_SCREEN_ROLES } from './screen-roles.ts';
export type { ScreenRoles } from './screen-roles.ts';
export type { BankContext, BrowserContext } from './session-context.ts';
export { BURST_GAP_MS } from './typing-features.ts';
export { TAP_SLOP_PX } from './touch-features.ts';
export { MOVE_GAP_MS } from './mouse-features.ts';
export { CLICK_GAP_MS } from './temporal-features.ts';

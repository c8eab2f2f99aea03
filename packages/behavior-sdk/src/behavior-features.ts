import { BEHAVIOR_FEATURE_NAMES, BEHAVIOR_SCHEMA_VERSION } from '@sentinel/engine';
import { deviceFeatures } from './device-features.ts';
import type { EventLog } from './event-log.ts';
import { motionFeatures } from './motion-features.ts';
import { mouseFeatures } from './mouse-features.ts';
import { navigationFeatures } from './navigation-features.ts';
import { pointerActivity } from './pointer-contacts.ts';
import { DEFAULT_SCREEN_ROLES, type ScreenRoles } from './screen-roles.ts';
import { checkBankContext, type BankContext, type BrowserContext } from './session-context.ts';
import { temporalFeatures } from './temporal-features.ts';
import { touchFeatures } from './touch-features.ts';
import { typingFeatures } from './typing-features.ts';

/** The engine's 55 features by name, in the engine's order, all finite numbers. */
export type BehaviorFeatures = Readonly<Record<string, number>>;

/** What `snapshot()` returns: the features and the schema they follow. */
export interface BehaviorSnapshot {
  /** `BEHAVIOR_SCHEMA_VERSION` when made; a stored snapshot may come from an older SDK. */
  readonly schemaVersion: string;
  readonly features: BehaviorFeatures;
}

export interface ComputeOptions {
  /** When the session ends, on the log's time base. */
  readonly end: number;
  readonly browser: BrowserContext;
  readonly bank?: BankContext;
  readonly screens?: Partial<ScreenRoles>;
}

/**
 * SHIELD's 55 behavioural features of a recorded session, a pure function of the log and the
 * context. Keys come out in the engine's vector order (`BEHAVIOR_FEATURE_NAMES`).
 */
export function computeBehaviorFeatures(log: EventLog, options: ComputeOptions): BehaviorFeatures {
  const bank = options.bank ?? {};
  checkBankContext(bank);
  const roles = { ...DEFAULT_SCREEN_ROLES, ...options.screens };
  const end = Math.max(options.end, log.start);
  const activity = pointerActivity(log);
  const computed: Record<string, number> = {
    ...touchFeatures(activity),
    ...typingFeatures(log),
    ...motionFeatures(log),
    ...navigationFeatures(log, roles, end),
    ...temporalFeatures(log, end, roles, bank, options.browser),
    ...deviceFeatures(bank, options.browser),
    ...mouseFeatures(log, activity),
  };
  const features: Record<string, number> = {};
  for (const name of BEHAVIOR_FEATURE_NAMES) {
    const value = computed[name];
    if (value === undefined || !Number.isFinite(value)) {
      throw new Error(`behaviour feature ${name} came out as ${String(value)}`);
    }
    features[name] = value;
  }
  return features;
}

/** The features of a session with the schema version they follow. */
export function behaviorSnapshot(log: EventLog, options: ComputeOptions): BehaviorSnapshot {
  return {
    schemaVersion: BEHAVIOR_SCHEMA_VERSION,
    features: computeBehaviorFeatures(log, options),
  };
}

/**
 * The `behavior` member of a `POST /v1/assess-payment` body: `{ sessionId?, features }` (the API
 * takes no schema version; the engine's names are the contract).
 */
export function assessmentBehavior(
  snapshot: BehaviorSnapshot,
  sessionId?: string,
): { readonly sessionId?: string; readonly features: BehaviorFeatures } {
  return sessionId === undefined
    ? { features: snapshot.features }
    : { sessionId, features: snapshot.features };
}

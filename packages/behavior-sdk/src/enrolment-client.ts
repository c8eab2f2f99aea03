import { BEHAVIOR_SCHEMA_VERSION } from '@sentinel/engine';
import type { BehaviorSnapshot } from './behavior-features.ts';

export interface RiskApiOptions {
  /** The risk-api's origin, e.g. `https://risk.example.com` (a trailing slash is fine). */
  readonly baseUrl: string;
  /** A bank API key: enrolment is a backend call, never made with a key shipped to browsers. */
  readonly apiKey: string;
  /** Default: the global `fetch`. */
  readonly fetch?: typeof fetch;
}

/** An RFC 9457 problem as the risk-api sends it (`code` is stable, `detail` human-readable). */
export interface ApiProblem {
  readonly status: number;
  readonly code?: string;
  readonly detail?: string;
  readonly [member: string]: unknown;
}

export type ApiResult<T> =
  | { readonly ok: true; readonly value: T; readonly problem?: never }
  | { readonly ok: false; readonly problem: ApiProblem; readonly value?: never };

/** `201` of POST …/behavior/sessions. */
export interface SessionsStored {
  readonly userId: string;
  readonly added: number;
  readonly total: number;
  readonly dropped: number;
  readonly maxKept: number;
}

/** `201` of POST …/behavior/enroll: the new baseline version. */
export interface BaselineSummary {
  readonly userId: string;
  readonly version: number;
  readonly schemaVersion: string;
  readonly n: number;
  readonly meanTrainingDistance: number;
  readonly shrinkage: number;
  readonly fittedAt: string;
}

export interface EnrolmentClient {
  /** Stores legitimate sessions of the customer (in calls of at most 200). */
  addSessions(
    userId: string,
    sessions: readonly BehaviorSnapshot[],
  ): Promise<ApiResult<SessionsStored>>;
  /** Fits the customer's baseline from every stored session (at least 10). */
  enrol(userId: string): Promise<ApiResult<BaselineSummary>>;
}

/** The risk-api takes at most this many sessions per call (MAX_SESSIONS_PER_CALL there). */
export const SESSIONS_PER_CALL = 200;

/** Posts `sessions` in calls of at most 200; the counts add up, `total` is the last call's. */
async function addInBatches(
  sessions: readonly BehaviorSnapshot[],
  send: (batch: readonly BehaviorSnapshot[]) => Promise<ApiResult<SessionsStored>>,
): Promise<ApiResult<SessionsStored>> {
  let sum: SessionsStored | undefined;
  // An empty list is still sent once, so the API's own refusal (at least 1 session) comes back.
  for (let i = 0; i < sessions.length || i === 0; i += SESSIONS_PER_CALL) {
    const result = await send(sessions.slice(i, i + SESSIONS_PER_CALL));
    if (!result.ok) {
      return result;
    }
    const v = result.value;
    sum =
      sum === undefined
        ? v
        : { ...v, added: sum.added + v.added, dropped: sum.dropped + v.dropped };
  }
  return { ok: true, value: sum as SessionsStored };
}

/** A client of the risk-api's enrolment routes (`POST /v1/users/{userId}/behavior/…`). */
export function createEnrolmentClient(options: RiskApiOptions): EnrolmentClient {
  const doFetch = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/+$/, '');
  const post = async <T>(userId: string, path: string, body: unknown): Promise<ApiResult<T>> => {
    const res = await doFetch(`${base}/v1/users/${encodeURIComponent(userId)}/behavior/${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    const json: unknown = text === '' ? {} : JSON.parse(text);
    if (res.ok) {
      return { ok: true, value: json as T };
    }
    return { ok: false, problem: { ...(json as object), status: res.status } };
  };
  return {
    addSessions: (userId, sessions) => {
      const stale = sessions.find((s) => s.schemaVersion !== BEHAVIOR_SCHEMA_VERSION);
      if (stale !== undefined) {
        throw new RangeError(
          `a session follows schema ${stale.schemaVersion}, the engine ${BEHAVIOR_SCHEMA_VERSION}`,
        );
      }
      return addInBatches(sessions, (batch) =>
        post<SessionsStored>(userId, 'sessions', {
          sessions: batch.map((s) => ({ features: s.features })),
        }),
      );
    },
    enrol: (userId) => post<BaselineSummary>(userId, 'enroll', {}),
  };
}

/**
 * Enrol mode in one call: stores the recorded sessions, then fits the baseline. Stops at the first
 * refusal and returns it (e.g. `BEHAVIOR.NOT_ENOUGH_SESSIONS` with fewer than 10 sessions stored).
 */
export async function enrolBehavior(
  options: RiskApiOptions & {
    readonly userId: string;
    readonly sessions: readonly BehaviorSnapshot[];
  },
): Promise<ApiResult<BaselineSummary>> {
  const client = createEnrolmentClient(options);
  const stored = await client.addSessions(options.userId, options.sessions);
  if (!stored.ok) {
    return stored;
  }
  return client.enrol(options.userId);
}

import { ACTIONS, type Action, type BehaviorBaseline, type CompiledPolicy } from '@sentinel/engine';
import type { DecisionRecord, ReportedOutcome } from '@sentinel/contracts';
import { BoundedMap } from '@sentinel/kernel';
import type {
  BehaviorStore,
  DecisionLog,
  DecisionPosition,
  ForTenant,
  ReportedOutcomes,
  TenantId,
} from '@sentinel/store';
import { OUTCOME_LABELS, outcomeLabel, type OutcomeLabel } from './outcome-label.ts';
import { baselineNeed, replayRecord, SKIP_REASONS, type SkipReason } from './replay-record.ts';

/** Records read per store page (and outcome lookups per batch: `MAX_REPORTS_LOOKUP`). */
const READ_PAGE = 500;
/** Behaviour baselines kept between pages: a user's recent payments share one. */
const BASELINE_CACHE = 10_000;

/** The ports a backtest reads: the window, the reported outcomes, the behaviour baselines. */
export interface BacktestDeps {
  readonly log: Pick<DecisionLog, 'decidedWithin'>;
  readonly outcomes: ForTenant<Pick<ReportedOutcomes, 'listMany'>>;
  readonly baselines: ForTenant<Pick<BehaviorStore, 'getBaseline'>>;
}

export interface BacktestRequest {
  readonly tenant: TenantId;
  /** The candidate, compiled (validated like `PUT /v1/policy`). */
  readonly policy: CompiledPolicy;
  /** Decision times: `from` inclusive, `to` exclusive. */
  readonly from: Date;
  readonly to: Date;
  /** Changed decisions per answer. */
  readonly pageSize: number;
  /** Resume the changed decisions past this one (a cursor): no summary, the scan stops early. */
  readonly after?: DecisionPosition;
}

export type ActionCounts = Record<Action, number>;
/** Decisions by action (rows) and outcome label (columns). */
export type Confusion = Record<Action, Record<OutcomeLabel, number>>;

export interface BacktestSummary {
  /** Records the candidate answered (degraded ones included). */
  readonly replayed: number;
  /** Degraded records, answered with the candidate's safe assessment. */
  readonly degraded: number;
  readonly skipped: Record<SkipReason, number>;
  readonly actions: { readonly before: ActionCounts; readonly after: ActionCounts };
  readonly labels: Record<OutcomeLabel, number>;
  readonly confusion: { readonly before: Confusion; readonly after: Confusion };
  /** Replayed decisions whose action would change. */
  readonly changed: number;
}

/** One decision whose action would change. */
export interface BacktestChange {
  readonly decisionId: string;
  readonly decidedAt: Date;
  readonly action: { readonly before: Action; readonly after: Action };
  readonly riskScore: { readonly before: number; readonly after: number };
  readonly reasons: { readonly added: readonly string[]; readonly removed: readonly string[] };
}

export interface BacktestResult {
  /** Null when resumed from a cursor (the first page carries it). */
  readonly summary: BacktestSummary | null;
  readonly changes: readonly BacktestChange[];
  /** Where the next page of changes starts; null on the last page. */
  readonly next: DecisionPosition | null;
}

const counts = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const confusion = (): Confusion =>
  Object.fromEntries(ACTIONS.map((a) => [a, counts(OUTCOME_LABELS)])) as Confusion;

/**
 * Replays `request.policy` over the tenant's decisions of the window, streamed page by page in
 * decision order: memory holds one page of records, the counts and at most `pageSize + 1`
 * changes, whatever the window. See docs/backtest.md.
 */
export async function runBacktest(
  deps: BacktestDeps,
  request: BacktestRequest,
): Promise<BacktestResult> {
  const withSummary = request.after === undefined;
  const outcomes = deps.outcomes.forTenant(request.tenant);
  const baselines = baselineCache(deps.baselines.forTenant(request.tenant));
  const summary = {
    replayed: 0,
    degraded: 0,
    skipped: counts(SKIP_REASONS),
    actions: { before: counts(ACTIONS), after: counts(ACTIONS) },
    labels: counts(OUTCOME_LABELS),
    confusion: { before: confusion(), after: confusion() },
    changed: 0,
  };
  const changes: BacktestChange[] = [];
  let next: DecisionPosition | null = null;
  const window = {
    from: request.from,
    to: request.to,
    ...(request.after === undefined ? {} : { after: request.after }),
  };
  pages: for await (const page of deps.log.decidedWithin(request.tenant, window, READ_PAGE)) {
    const [reports, baselineOf] = await Promise.all([
      withSummary
        ? outcomes.listMany(page.map((r) => r.decision.decisionId))
        : new Map<string, readonly ReportedOutcome[]>(),
      baselines.load(page),
    ]);
    for (const record of page) {
      const replay = replayRecord(record, request.policy, baselineOf(record));
      if (!replay.ok) {
        summary.skipped[replay.issue]++;
        continue;
      }
      const before = record.decision.action;
      const after = replay.assessment.action;
      if (withSummary) {
        const label = outcomeLabel(record, reports.get(record.decision.decisionId) ?? []);
        summary.replayed++;
        summary.degraded += record.context.degraded ? 1 : 0;
        summary.actions.before[before]++;
        summary.actions.after[after]++;
        summary.labels[label]++;
        summary.confusion.before[before][label]++;
        summary.confusion.after[after][label]++;
      }
      if (before === after) {
        continue;
      }
      summary.changed++;
      if (changes.length < request.pageSize) {
        changes.push(toChange(record, replay.assessment));
      } else if (next === null) {
        const last = changes.at(-1);
        next =
          last === undefined ? null : { decidedAt: last.decidedAt, decisionId: last.decisionId };
        if (!withSummary) {
          break pages;
        }
      }
    }
  }
  return { summary: withSummary ? summary : null, changes, next };
}

function toChange(
  record: DecisionRecord,
  assessment: {
    readonly action: Action;
    readonly riskScore: number;
    readonly reasons: readonly { readonly code: string }[];
  },
): BacktestChange {
  const before = new Set(record.decision.reasons.map((r) => r.code));
  const after = new Set(assessment.reasons.map((r) => r.code));
  return {
    decisionId: record.decision.decisionId,
    decidedAt: record.decidedAt,
    action: { before: record.decision.action, after: assessment.action },
    riskScore: { before: record.decision.riskScore, after: assessment.riskScore },
    reasons: {
      added: [...after].filter((code) => !before.has(code)),
      removed: [...before].filter((code) => !after.has(code)),
    },
  };
}

/** The behaviour baselines a page's records were scored against, each read once. */
function baselineCache(store: Pick<BehaviorStore, 'getBaseline'>) {
  const cache = new BoundedMap<string, { readonly baseline: BehaviorBaseline | null }>(
    BASELINE_CACHE,
  );
  const keyOf = (userId: string, version: number) => `${userId}\n${version}`;
  return {
    async load(page: readonly DecisionRecord[]) {
      const missing = new Map<string, { userId: string; version: number }>();
      for (const record of page) {
        const need = baselineNeed(record);
        const key = need === null ? null : keyOf(need.userId, need.version);
        if (need !== null && key !== null && cache.get(key) === undefined) {
          missing.set(key, need);
        }
      }
      await Promise.all(
        [...missing].map(async ([key, need]) => {
          cache.set(key, { baseline: await store.getBaseline(need.userId, need.version) });
        }),
      );
      return (record: DecisionRecord): BehaviorBaseline | null => {
        const need = baselineNeed(record);
        return need === null
          ? null
          : (cache.get(keyOf(need.userId, need.version))?.baseline ?? null);
      };
    },
  };
}

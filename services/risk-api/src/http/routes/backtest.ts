import { createRoute, z } from '@hono/zod-openapi';
import { ACTIONS } from '@sentinel/engine';
import { backtestFingerprint, decodeCursor, encodeCursor } from '../../backtest/backtest-cursor.ts';
import { OUTCOME_LABELS } from '../../backtest/outcome-label.ts';
import { SKIP_REASONS } from '../../backtest/replay-record.ts';
import { runBacktest, type BacktestDeps } from '../../backtest/run-backtest.ts';
import { callerTenant, requireAdmin } from '../auth.ts';
import { ApiError } from '../problem.ts';
import { newRouter } from '../router.ts';
import { compileSubmittedPolicy } from './compile-submitted-policy.ts';
import { COMMON_ERRORS, FORBIDDEN, SECURITY, UNPROCESSABLE } from './common.ts';

/** SPEC: a backtest covers at most 31 days of decisions. */
export const MAX_BACKTEST_WINDOW_MS = 31 * 86_400_000;
export const MAX_BACKTEST_PAGE = 500;

const Rfc3339 = z.iso.datetime({ offset: true, message: 'must be an RFC 3339 date-time' });

const BacktestRequestSchema = z
  .strictObject({
    policy: z.record(z.string(), z.unknown()).openapi({
      description: 'The candidate: a full policy document, validated exactly like PUT /v1/policy',
    }),
    from: Rfc3339.openapi({ description: 'Decisions decided at or after this time' }),
    to: Rfc3339.openapi({ description: 'and before this one; at most 31 days after `from`' }),
    pageSize: z.number().int().min(1).max(MAX_BACKTEST_PAGE).default(100).openapi({
      description: 'Changed decisions per answer',
    }),
    cursor: z.string().min(1).max(512).optional().openapi({
      description: 'nextCursor of the previous answer, with the same policy and window',
    }),
  })
  .superRefine(({ from, to }, ctx) => {
    const span = Date.parse(to) - Date.parse(from);
    if (!(span > 0)) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    } else if (span > MAX_BACKTEST_WINDOW_MS) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be at most 31 days after from' });
    }
  })
  .openapi('BacktestRequest');

const Counts = <K extends string>(keys: readonly [K, ...K[]]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number().int()])) as Record<K, z.ZodNumber>);
const ActionCounts = Counts(ACTIONS);
const LabelCounts = Counts(OUTCOME_LABELS);
const Confusion = z.object({ APPROVE: LabelCounts, STEP_UP: LabelCounts, DENY: LabelCounts });

const BacktestResponseSchema = z
  .object({
    policy: z.object({ id: z.string(), version: z.number().int() }),
    window: z.object({ from: z.string(), to: z.string() }),
    summary: z
      .object({
        replayed: z.number().int(),
        degraded: z.number().int().openapi({
          description: 'Replayed records decided without the risk state: the safe assessment',
        }),
        skipped: Counts(SKIP_REASONS),
        actions: z.object({ before: ActionCounts, after: ActionCounts }),
        labels: LabelCounts,
        confusion: z.object({ before: Confusion, after: Confusion }).openapi({
          description: 'Replayed decisions by action and outcome label, as recorded and replayed',
        }),
        changed: z.number().int(),
      })
      .nullable()
      .openapi({ description: 'The whole window; null on pages after the first (cursor)' }),
    changes: z.array(
      z.object({
        decisionId: z.string(),
        decidedAt: z.string(),
        action: z.object({ before: z.enum(ACTIONS), after: z.enum(ACTIONS) }),
        riskScore: z.object({ before: z.number(), after: z.number() }),
        reasons: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .openapi('BacktestResponse');

const route = createRoute({
  method: 'post',
  path: '/v1/policy/backtest',
  summary: 'Replay a candidate policy over your recorded decisions (tenant admin)',
  description:
    'Replays the candidate over the engine inputs recorded with each of your decisions of the ' +
    'window and answers the action mix before and after, both against outcome labels, and the ' +
    'decisions whose action would change, in decision order, paged with an opaque cursor. ' +
    'See docs/backtest.md.',
  security: SECURITY,
  request: {
    body: { required: true, content: { 'application/json': { schema: BacktestRequestSchema } } },
  },
  responses: {
    200: {
      description: 'The backtest',
      content: { 'application/json': { schema: BacktestResponseSchema } },
    },
    ...COMMON_ERRORS,
    ...FORBIDDEN,
    ...UNPROCESSABLE,
  },
});

export function backtestRoutes(deps: BacktestDeps) {
  const router = newRouter();
  router.use('/v1/policy/backtest', requireAdmin);
  return router.openapi(route, async (c) => {
    // A platform key administers the platform default only: it has no decisions to replay.
    const tenant = callerTenant(c);
    const body = c.req.valid('json');
    const policy = compileSubmittedPolicy(body.policy, tenant);
    const from = new Date(body.from);
    const to = new Date(body.to);
    const fingerprint = backtestFingerprint(policy.document, from, to);
    const after = body.cursor === undefined ? undefined : decodeCursor(body.cursor, fingerprint);
    if (after === null) {
      throw new ApiError('REQUEST.INVALID_BODY', '1 invalid field(s): cursor', {
        issues: [{ path: 'cursor', message: 'not a cursor of this policy and window' }],
      });
    }
    const result = await runBacktest(deps, {
      tenant,
      policy,
      from,
      to,
      pageSize: body.pageSize,
      ...(after === undefined ? {} : { after }),
    });
    return c.json(
      {
        policy: { id: policy.document.id, version: policy.document.version },
        window: { from: from.toISOString(), to: to.toISOString() },
        summary: result.summary,
        changes: result.changes.map((change) => ({
          ...change,
          decidedAt: change.decidedAt.toISOString(),
          reasons: { added: [...change.reasons.added], removed: [...change.reasons.removed] },
        })),
        nextCursor: result.next === null ? null : encodeCursor(fingerprint, result.next),
      },
      200,
    );
  });
}

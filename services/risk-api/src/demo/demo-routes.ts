import { z } from 'zod';
import { zValidator } from '@hono/zod-validator';
import { Hono, type ValidationTargets } from 'hono';
import type { Clock } from '@sentinel/kernel';
import type { SimSwapSignals } from '@sentinel/store';
import { callerTenant } from '../http/auth.ts';
import { ApiError } from '../http/problem.ts';
import { toFieldIssues, type AppEnv } from '../http/router.ts';
import { E164Schema } from '../http/schemas.ts';
import { createDemoFixtures, DemoFixturesSchema } from './demo-fixtures.ts';
import type { DemoOperator } from './demo-operator.ts';

const SwapBody = z.strictObject({
  swappedMinutesAgo: z
    .number()
    .min(0)
    .max(60 * 24 * 365)
    .nullable(),
});

const OutageBody = z.strictObject({
  on: z.boolean(),
  /**
   * Numbers whose stored signal is made stale at once: a real outage makes it stale on its own
   * once the policy's signalMaxAgeSeconds (5 min) pass without an answer; the demo skips the wait.
   */
  staleNumbers: z.array(E164Schema).max(20).default([]),
});

/** How old a signal made stale by the outage switch looks: far past any policy's max age. */
const STALE_BY_MINUTES = 60;

const valid = <T extends z.ZodType>(target: keyof ValidationTargets, schema: T, hint: string) =>
  zValidator(target, schema, (r) => {
    if (!r.success) {
      throw new ApiError(
        target === 'param' ? 'REQUEST.INVALID_PARAMETER' : 'REQUEST.INVALID_BODY',
        hint,
        { issues: toFieldIssues(r.error.issues) },
      );
    }
  });

/**
 * Local-only helpers behind the API key, mounted only when SENTINEL_DEMO=true (npm start); not in
 * the OpenAPI document, not part of the product. The console's attack panel drives them:
 * - `PUT /demo/sim-swaps/{phoneNumber}`: a SIM swap N minutes ago (null clears it) at the operator
 *   (the simulator, when `operator` is set) and in the stored signal, as the telco webhook would;
 * - `PUT /demo/telco-outage`: the operator stops (or resumes) answering; named numbers' stored
 *   signals go stale at once, so the next payment needs the operator, which times out;
 * - `GET|PUT /demo/fixtures`: the seeded customers and behavioural snapshots the page uses.
 */
export function demoRoutes(deps: {
  readonly state: SimSwapSignals;
  readonly clock: Clock;
  readonly operator?: DemoOperator;
}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const fixtures = createDemoFixtures();

  app.put(
    '/demo/sim-swaps/:phoneNumber',
    valid('param', z.object({ phoneNumber: E164Schema }), 'phoneNumber must be E.164'),
    valid('json', SwapBody, 'Send { "swappedMinutesAgo": number | null }'),
    async (c) => {
      const { phoneNumber } = c.req.valid('param');
      const { swappedMinutesAgo } = c.req.valid('json');
      const now = deps.clock.now();
      const lastSwapAt =
        swappedMinutesAgo === null ? null : new Date(now.getTime() - swappedMinutesAgo * 60_000);
      await deps.operator?.setSwap(phoneNumber, lastSwapAt);
      await deps.state.putSimSwapSignal({
        phoneNumber,
        lastSwapAt,
        checkedAt: now,
        source: 'demo',
      });
      return c.json({
        phoneNumber,
        lastSwapAt: lastSwapAt?.toISOString() ?? null,
        checkedAt: now.toISOString(),
        operator: deps.operator === undefined ? 'none' : 'simulator',
      });
    },
  );

  app.put(
    '/demo/telco-outage',
    valid('json', OutageBody, 'Send { "on": boolean, "staleNumbers"?: [E.164] }'),
    async (c) => {
      const { on, staleNumbers } = c.req.valid('json');
      if (deps.operator === undefined) {
        throw new ApiError(
          'RESOURCE.NOT_FOUND',
          'No operator simulator is configured (SENTINEL_DEMO_OPERATOR_URL): no outage to stage',
        );
      }
      await deps.operator.setOutage(on);
      const staleSince = new Date(deps.clock.now().getTime() - STALE_BY_MINUTES * 60_000);
      const madeStale: string[] = [];
      for (const phoneNumber of on ? staleNumbers : []) {
        const signal = await deps.state.getSimSwapSignal(phoneNumber);
        if (signal !== null) {
          await deps.state.putSimSwapSignal({ ...signal, checkedAt: staleSince });
          madeStale.push(phoneNumber);
        }
      }
      return c.json({ on, madeStale, checkedAt: on ? staleSince.toISOString() : null });
    },
  );

  app.get('/demo/fixtures', (c) => c.json(fixtures.get(callerTenant(c))));
  app.put(
    '/demo/fixtures',
    valid('json', DemoFixturesSchema, 'Send { customers: [...], snapshots: {...} }'),
    (c) => {
      fixtures.put(callerTenant(c), c.req.valid('json'));
      return c.json(fixtures.get(callerTenant(c)));
    },
  );
  return app;
}

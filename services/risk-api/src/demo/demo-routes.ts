import { z } from 'zod';
import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import type { Clock } from '@sentinel/kernel';
import type { SimSwapSignals } from '@sentinel/store';
import { ApiError } from '../http/problem.ts';
import { toFieldIssues, type AppEnv } from '../http/router.ts';
import { E164Schema } from '../http/schemas.ts';

const SwapBody = z.strictObject({
  swappedMinutesAgo: z
    .number()
    .min(0)
    .max(60 * 24 * 365)
    .nullable(),
});

/**
 * Local-only: set a number's SIM swap signal as if the telco had reported it. Mounted only when
 * SENTINEL_DEMO=true (npm start). Not in the OpenAPI document: it is not part of the product.
 */
export function demoRoutes(deps: {
  readonly state: SimSwapSignals;
  readonly clock: Clock;
}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.put(
    '/demo/sim-swaps/:phoneNumber',
    zValidator('param', z.object({ phoneNumber: E164Schema }), (r) => {
      if (!r.success) {
        throw new ApiError('REQUEST.INVALID_PARAMETER', 'phoneNumber must be E.164', {
          issues: toFieldIssues(r.error.issues),
        });
      }
    }),
    zValidator('json', SwapBody, (r) => {
      if (!r.success) {
        throw new ApiError('REQUEST.INVALID_BODY', 'Send { "swappedMinutesAgo": number | null }', {
          issues: toFieldIssues(r.error.issues),
        });
      }
    }),
    async (c) => {
      const { phoneNumber } = c.req.valid('param');
      const { swappedMinutesAgo } = c.req.valid('json');
      const now = deps.clock.now();
      const lastSwapAt =
        swappedMinutesAgo === null ? null : new Date(now.getTime() - swappedMinutesAgo * 60_000);
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
      });
    },
  );
  return app;
}

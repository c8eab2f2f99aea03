import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { Clock } from '@sentinel/kernel';
import { SCOPES } from '../domain/access-token.ts';
import { latestSimChange } from '../domain/number-record.ts';
import { applyNumberUpdate } from '../domain/number-update.ts';
import { PhoneNumberSchema } from '../domain/phone-number.ts';
import type { SimulatorStore } from '../store/simulator-store.ts';
import type { SubscriptionService } from '../subscriptions/subscription-service.ts';
import type { TokenService } from '../tokens/token-service.ts';
import { CamaraError } from './camara-error.ts';
import { readBody, readJson, schemaError } from './json-body.ts';
import { numberToWire } from './number-wire.ts';
import type { Outage } from './outage.ts';
import type { SimEnv } from './sim-env.ts';

const DateTime = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

const NumberUpdateBody = z.strictObject({
  activatedAt: DateTime.nullable().exactOptional(),
  lastSwapAt: DateTime.nullable().exactOptional(),
  swappedHoursAgo: z.number().min(0).max(1_000_000).exactOptional(),
  serviceApplicable: z.boolean().exactOptional(),
});

const OutageBody = z.strictObject({ on: z.boolean() });

const TokenRequestBody = z.strictObject({
  phoneNumber: PhoneNumberSchema.optional(),
  scopes: z.array(z.enum(SCOPES)).min(1).optional(),
  expiresInSeconds: z
    .number()
    .int()
    .min(1)
    .max(30 * 86_400)
    .optional(),
});

function pathNumber(value: string): string {
  const parsed = PhoneNumberSchema.safeParse(value);
  if (!parsed.success) {
    throw new CamaraError('INVALID_ARGUMENT', 'Client specified an invalid argument: phoneNumber');
  }
  return parsed.data;
}

/** An empty body means `{}`, so `curl -X PUT …/numbers/+27…` registers a number. */
async function updateBody(c: Parameters<typeof readJson>[0]) {
  const raw = (await c.req.text()).trim() === '' ? {} : await readJson(c);
  const parsed = NumberUpdateBody.safeParse(raw);
  if (!parsed.success) {
    throw schemaError(parsed.error);
  }
  return parsed.data;
}

/**
 * Demo endpoints under `/sim-swap/v2/demo`: register or change a number (a change of its latest
 * SIM change notifies its subscriptions; deliveries never hold up the answer), remove one, list
 * them, issue tokens (3-legged with `phoneNumber`, 2-legged without), and switch an operator
 * outage on or off (`PUT /outage {"on": true}`: SIM swap lookups then get no answer).
 */
export function demoRoutes(deps: {
  readonly store: SimulatorStore;
  readonly clock: Clock;
  readonly tokens: TokenService;
  readonly subscriptions: SubscriptionService;
  readonly outage: Outage;
  readonly auth: MiddlewareHandler<SimEnv>;
}) {
  const { store, clock } = deps;
  return new Hono<SimEnv>()
    .get('/numbers', deps.auth, async (c) => c.json((await store.listNumbers()).map(numberToWire)))
    .put('/numbers/:phoneNumber', deps.auth, async (c) => {
      const phoneNumber = pathNumber(c.req.param('phoneNumber'));
      const update = await updateBody(c);
      const existing = await store.getNumber(phoneNumber);
      const applied = applyNumberUpdate(phoneNumber, existing, update, clock.now());
      if (!applied.ok) {
        throw new CamaraError('INVALID_ARGUMENT', applied.issue);
      }
      await store.putNumber(applied.record);
      const before = existing === null ? null : latestSimChange(existing);
      const after = latestSimChange(applied.record);
      const changed = after !== null && after.getTime() !== before?.getTime();
      const notifiedSubscriptions = changed
        ? await deps.subscriptions.notifySimChange(phoneNumber, after)
        : 0;
      return c.json(
        { ...numberToWire(applied.record), notifiedSubscriptions },
        existing === null ? 201 : 200,
      );
    })
    .delete('/numbers/:phoneNumber', deps.auth, async (c) => {
      const removed = await store.deleteNumber(pathNumber(c.req.param('phoneNumber')));
      if (!removed) {
        throw new CamaraError('NOT_FOUND');
      }
      return c.body(null, 204);
    })
    .get('/outage', deps.auth, (c) => c.json({ on: deps.outage.on, waiting: deps.outage.waiting }))
    .put('/outage', deps.auth, async (c) => {
      const body = await readBody(c, OutageBody);
      deps.outage.set(body.on);
      return c.json({ on: deps.outage.on, waiting: deps.outage.waiting });
    })
    .post('/tokens', deps.auth, async (c) => {
      const body = await readBody(c, TokenRequestBody);
      const issued = await deps.tokens.issue({
        ...(body.phoneNumber === undefined ? {} : { phoneNumber: body.phoneNumber }),
        ...(body.scopes === undefined ? {} : { scopes: body.scopes }),
        ...(body.expiresInSeconds === undefined ? {} : { ttlSeconds: body.expiresInSeconds }),
      });
      return c.json(issued, 201);
    });
}

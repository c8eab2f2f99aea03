import { Hono, type MiddlewareHandler } from 'hono';
import type { Clock } from '@sentinel/kernel';
import type { SubscriptionService } from '../subscriptions/subscription-service.ts';
import { CamaraError } from './camara-error.ts';
import { readJson } from './json-body.ts';
import { requireScope } from './require-scope.ts';
import { requireSubject } from './require-subject.ts';
import type { SimEnv } from './sim-env.ts';
import { parseSubscriptionRequest } from './subscription-request.ts';
import { subscriptionToWire } from './subscription-wire.ts';

// Ids are UUIDs here; anything else that could name a Firestore document is merely unknown.
const SUBSCRIPTION_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

function subscriptionId(id: string): string {
  if (!SUBSCRIPTION_ID.test(id)) {
    throw new CamaraError(
      'INVALID_ARGUMENT',
      'Client specified an invalid argument: subscriptionId',
    );
  }
  return id;
}

/**
 * `/subscriptions` and `/subscriptions/{subscriptionId}` of sim-swap-subscriptions 0.3.0 (base
 * path `/sim-swap-subscriptions/v0.3`): create (201, synchronous), list, read, delete (204).
 */
export function subscriptionRoutes(deps: {
  readonly subscriptions: SubscriptionService;
  readonly clock: Clock;
  readonly localMode: boolean;
  readonly auth: MiddlewareHandler<SimEnv>;
}) {
  const { subscriptions, clock } = deps;
  return new Hono<SimEnv>()
    .post('/subscriptions', deps.auth, async (c) => {
      requireScope(c, [
        'sim-swap-subscriptions:org.camaraproject.sim-swap-subscriptions.v0.swapped:create',
      ]);
      const parsed = parseSubscriptionRequest(await readJson(c), clock.now(), deps.localMode);
      if (!parsed.ok) {
        throw new CamaraError(parsed.code, parsed.message);
      }
      const { phoneNumber, ...spec } = parsed.value;
      const token = c.get('token');
      const subject = {
        phoneNumber: requireSubject(token, phoneNumber),
        identifiedBy: token.kind === 'THREE_LEGGED' ? ('TOKEN' as const) : ('REQUEST' as const),
      };
      const created = await subscriptions.create(spec, subject);
      if (!created.ok) {
        throw new CamaraError(created.error);
      }
      return c.json(subscriptionToWire(created.value, token, clock.now()), 201);
    })
    .get('/subscriptions', deps.auth, async (c) => {
      requireScope(c, ['sim-swap-subscriptions:read']);
      const token = c.get('token');
      const all = await subscriptions.list(token);
      return c.json(
        all.map((s) => subscriptionToWire(s, token, clock.now())),
        200,
      );
    })
    .get('/subscriptions/:subscriptionId', deps.auth, async (c) => {
      requireScope(c, ['sim-swap-subscriptions:read']);
      const token = c.get('token');
      const found = await subscriptions.find(subscriptionId(c.req.param('subscriptionId')), token);
      if (!found.ok) {
        throw new CamaraError(found.error);
      }
      return c.json(subscriptionToWire(found.value, token, clock.now()), 200);
    })
    .delete('/subscriptions/:subscriptionId', deps.auth, async (c) => {
      requireScope(c, ['sim-swap-subscriptions:delete']);
      const id = subscriptionId(c.req.param('subscriptionId'));
      const removed = await subscriptions.remove(id, c.get('token'));
      if (!removed.ok) {
        throw new CamaraError(removed.error);
      }
      return c.body(null, 204);
    });
}

import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { Clock } from '@sentinel/kernel';
import { PhoneNumberSchema } from '../domain/phone-number.ts';
import {
  checkSimSwap,
  maxAgeBeyondPolicy,
  retrieveSimSwapDate,
  type Answer,
  type MonitoringPolicy,
} from '../domain/sim-swap-answer.ts';
import type { SimulatorStore } from '../store/simulator-store.ts';
import { CamaraError } from './camara-error.ts';
import { readBody } from './json-body.ts';
import { requireScope } from './require-scope.ts';
import { requireSubject } from './require-subject.ts';
import type { SimEnv } from './sim-env.ts';

/** `CreateSimSwapDate` of sim-swap.yaml (unknown properties are allowed and ignored). */
const CreateSimSwapDate = z.object({ phoneNumber: PhoneNumberSchema.optional() });

/** `CreateCheckSimSwap`: `maxAge` in hours, integer 1–2400, default 240. */
const CreateCheckSimSwap = z.object({
  phoneNumber: PhoneNumberSchema.optional(),
  maxAge: z.number().int().min(1).max(2400).default(240),
});

function unwrap<T>(answer: Answer<T>): T {
  if (!answer.ok) {
    throw new CamaraError(answer.error);
  }
  return answer.value;
}

/**
 * `POST /retrieve-date` and `POST /check` (base path `/sim-swap/v2`). After `auth` (401, 429),
 * checks run in this order: scope (403), body (400), the operator's monitored period (400 OUT_OF_RANGE), identifier rules
 * (422), then the number itself (404 IDENTIFIER_NOT_FOUND, 422 SERVICE_NOT_APPLICABLE).
 */
export function simSwapRoutes(deps: {
  readonly store: SimulatorStore;
  readonly clock: Clock;
  readonly policy: MonitoringPolicy;
  readonly auth: MiddlewareHandler<SimEnv>;
}) {
  return new Hono<SimEnv>()
    .post('/retrieve-date', deps.auth, async (c) => {
      requireScope(c, ['sim-swap:retrieve-date', 'sim-swap']);
      const body = await readBody(c, CreateSimSwapDate);
      const phoneNumber = requireSubject(c.get('token'), body.phoneNumber);
      const record = await deps.store.getNumber(phoneNumber);
      return c.json(unwrap(retrieveSimSwapDate(record, deps.clock.now(), deps.policy)), 200);
    })
    .post('/check', deps.auth, async (c) => {
      requireScope(c, ['sim-swap:check', 'sim-swap']);
      const body = await readBody(c, CreateCheckSimSwap);
      const beyond = maxAgeBeyondPolicy(body.maxAge, deps.policy);
      if (beyond !== null) {
        throw new CamaraError('OUT_OF_RANGE', beyond);
      }
      const phoneNumber = requireSubject(c.get('token'), body.phoneNumber);
      const record = await deps.store.getNumber(phoneNumber);
      return c.json(unwrap(checkSimSwap(record, deps.clock.now(), body.maxAge)), 200);
    });
}

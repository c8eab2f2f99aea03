// The ceiling for this runtime as a Hono app: what POST /v1/assess-payment cannot avoid — check
// the bearer key, parse and validate the same JSON body with the same schema — and an answer of
// the same size as a typical decision. No I/O. Served by baseline-server.ts; driven in process by
// in-process.ts.
import { Hono } from 'hono';
import { AssessPaymentRequestSchema, type AssessPaymentRequest } from '@sentinel/risk-api';

// A decision with two reasons serialises to about 600 bytes.
const ANSWER = JSON.stringify({ decisionId: '0'.repeat(36), padding: 'x'.repeat(540) });

/** Extra work after validation (floor-server.ts: the two Firestore calls), and its readiness. */
export interface BaselineWork {
  readonly decide: (body: AssessPaymentRequest) => Promise<void>;
  readonly ready: () => Promise<void>;
}

export function createBaselineApp(key: string, work?: BaselineWork): Hono {
  const app = new Hono();
  app.get('/readyz', async (c) => {
    await work?.ready();
    return c.json({ status: 'ready' });
  });
  app.post('/v1/assess-payment', async (c) => {
    if (c.req.header('authorization') !== `Bearer ${key}`) {
      return c.json({ code: 'AUTH.INVALID_CREDENTIALS' }, 401);
    }
    const parsed = AssessPaymentRequestSchema.safeParse(await c.req.json());
    if (!parsed.success) {
      return c.json({ code: 'REQUEST.INVALID_BODY' }, 400);
    }
    await work?.decide(parsed.data);
    return c.body(ANSWER, 200, { 'content-type': 'application/json' });
  });
  return app;
}

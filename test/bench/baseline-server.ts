// The ceiling for this runtime: a bare Hono server that does the unavoidable minimum of
// POST /v1/assess-payment — check the bearer key, parse and validate the same JSON body with the
// same schema — and answers a JSON document of the same size as a typical decision. No I/O.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { AssessPaymentRequestSchema } from '../../services/risk-api/src/http/schemas.ts';

const KEY = process.env['BENCH_API_KEY'] ?? 'bench-key-000001';
const port = Number(process.env['PORT'] ?? 8090);
// A decision with two reasons serialises to about 600 bytes.
const ANSWER = JSON.stringify({ decisionId: '0'.repeat(36), padding: 'x'.repeat(540) });

const app = new Hono();
app.get('/readyz', (c) => c.json({ status: 'ready' }));
app.post('/v1/assess-payment', async (c) => {
  if (c.req.header('authorization') !== `Bearer ${KEY}`) {
    return c.json({ code: 'AUTH.INVALID_CREDENTIALS' }, 401);
  }
  const parsed = AssessPaymentRequestSchema.safeParse(await c.req.json());
  if (!parsed.success) {
    return c.json({ code: 'REQUEST.INVALID_BODY' }, 400);
  }
  return c.body(ANSWER, 200, { 'content-type': 'application/json' });
});

const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
process.on('SIGTERM', () => server.close(() => process.exit(0)));

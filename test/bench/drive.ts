// One load run with autocannon against a running server, keeping every latency sample (for exact
// p95, which autocannon does not report) and letting the caller see every response body.
import autocannon from 'autocannon';
import { BENCH_KEY } from './servers.ts';
import { summarise, type LatencySummary } from './stats.ts';

export interface DriveResult {
  readonly summary: LatencySummary;
  readonly errors: number;
  readonly statuses: Readonly<Record<string, number>>;
  readonly actions: Readonly<Record<string, number>>;
}

export async function drive(opts: {
  readonly url: string;
  readonly connections: number;
  readonly durationS?: number;
  readonly amount?: number;
  readonly nextBody: () => string;
  readonly onBody?: (status: number, body: string) => void;
}): Promise<DriveResult> {
  const samples: number[] = [];
  const statuses: Record<string, number> = {};
  const actions: Record<string, number> = {};
  const started = performance.now();
  const result = await autocannon({
    url: `${opts.url}/v1/assess-payment`,
    connections: opts.connections,
    ...(opts.amount === undefined ? { duration: opts.durationS ?? 10 } : { amount: opts.amount }),
    timeout: 10,
    headers: { authorization: `Bearer ${BENCH_KEY}`, 'content-type': 'application/json' },
    requests: [
      {
        method: 'POST',
        path: '/v1/assess-payment',
        setupRequest: (req) => ({ ...req, body: opts.nextBody() }),
        onResponse: (status: number, body: string) => {
          statuses[status] = (statuses[status] ?? 0) + 1;
          const action = /"action":"(\w+)"/.exec(body)?.[1] ?? `HTTP ${status}`;
          actions[action] = (actions[action] ?? 0) + 1;
          opts.onBody?.(status, body);
        },
      },
    ],
    setupClient: (client) => {
      client.on('response', (_status: number, _bytes: number, responseTime: number) => {
        samples.push(responseTime);
      });
    },
  });
  const wallMs = performance.now() - started;
  return {
    summary: summarise(samples, wallMs),
    errors: result.errors + result.timeouts + result.non2xx,
    statuses,
    actions,
  };
}

// The bare-Hono baseline (baseline-app.ts) on a port: the ceiling `npm run bench` compares with.
import { serve } from '@hono/node-server';
import { createBaselineApp } from './baseline-app.ts';
import { countBufferMemoryInHeapLimit } from '@sentinel/kernel';

// The risk-api's runtime, as its main sets it: buffers count toward the heap's limit.
countBufferMemoryInHeapLimit();

const app = createBaselineApp(process.env['BENCH_API_KEY'] ?? 'bench-key-000001');
const port = Number(process.env['PORT'] ?? 8090);
const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
process.on('SIGTERM', () => server.close(() => process.exit(0)));

// The telco ingestion for the local stack (npm start): the same composition as the Cloud Run
// functions in main-ingestion.ts, served by one small HTTP server, with the poller on a timer
// instead of Cloud Scheduler.
//   POST /camara/webhook   the CAMARA subscriptions sink (CloudEvents)
//   POST /poll             one poll of every watched number (what Cloud Scheduler calls)
//   GET  /readyz
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { composeIngestion } from '@sentinel/telco';
import { every, exitOnSignals, systemClock } from '@sentinel/kernel';
import { createLogger } from '@sentinel/kernel';
import { loadLocalIngestionConfig } from './local-config.ts';

const loaded = loadLocalIngestionConfig(process.env);
if (!loaded.ok) {
  process.stderr.write(
    `telco ingestion: invalid configuration:\n  - ${loaded.issues.join('\n  - ')}\n`,
  );
  process.exit(2);
}
const { ingestion: config, port, host, pollEveryMs } = loaded.config;
const logger = createLogger({ level: config.logLevel, service: 'telco-ingestion' });
const ingestion = composeIngestion(config, { clock: systemClock, logger });

let polling: Promise<unknown> | null = null;
const poll = () => {
  polling ??= ingestion
    .poll()
    .then((report) => {
      logger.info('poll finished', { ...report });
      return report;
    })
    .finally(() => {
      polling = null;
    });
  return polling;
};

const app = new Hono();
app.get('/readyz', (c) => c.json({ status: 'ready' }));
app.post('/camara/webhook', (c) => ingestion.webhook(c.req.raw));
app.post('/poll', async (c) => c.json(await poll()));

const server = serve({ fetch: app.fetch, port, hostname: host }, () => {
  logger.info('telco ingestion listening', { port, pollEveryMs });
});
const stopPolls = every(systemClock, pollEveryMs, () => {
  poll().catch((error: unknown) => logger.warn('poll failed', { error }));
});

exitOnSignals({
  server,
  close: async () => {
    stopPolls();
    await ingestion.close();
  },
  graceMs: 5_000,
  logger,
});

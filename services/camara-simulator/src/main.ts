// Composition root of the CAMARA SIM Swap simulator: config → store → simulator → HTTP server.
import { Firestore } from '@google-cloud/firestore';
import { serve } from '@hono/node-server';
import { composeSimulator } from './compose-simulator.ts';
import { loadSimulatorConfig, type SimulatorConfig } from './config.ts';
import {
  createLogger,
  every,
  exitOnSignals,
  systemClock,
  unlessDeadline,
  withDeadline,
} from '@sentinel/kernel';
import { COLLECTIONS, FirestoreSimulatorStore } from './store/firestore-simulator-store.ts';
import { MemorySimulatorStore } from './store/memory-simulator-store.ts';
import type { SimulatorStore } from './store/simulator-store.ts';

// Cloud Run sends SIGTERM about 10 s before SIGKILL: drain within that.
const SHUTDOWN_GRACE_MS = 8_000;
const DRAIN_DELIVERIES_MS = 3_000;

interface StoreHandle {
  readonly store: SimulatorStore;
  readonly ready: () => Promise<void>;
  readonly close: () => Promise<void>;
}

function buildStore(config: SimulatorConfig): StoreHandle {
  if (config.store === 'memory') {
    const ok = () => Promise.resolve();
    return { store: new MemorySimulatorStore(), ready: ok, close: ok };
  }
  const db = new Firestore({ projectId: config.projectId, ignoreUndefinedProperties: true });
  return {
    store: new FirestoreSimulatorStore(db),
    ready: async () => {
      await db.collection(COLLECTIONS.numbers).limit(1).get();
    },
    close: () => db.terminate(),
  };
}

const within = (ms: number, work: Promise<unknown>) =>
  withDeadline(() => work, { clock: systemClock, ms, what: 'shutdown step' }).catch(unlessDeadline);

function main(): void {
  const loaded = loadSimulatorConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(
      `simulator: invalid configuration:\n  - ${loaded.issues.join('\n  - ')}\n`,
    );
    process.exit(2);
  }
  const { config } = loaded;
  const logger = createLogger({ level: config.logLevel, service: 'camara-simulator' });
  const handle = buildStore(config);
  const simulator = composeSimulator(config, { store: handle.store, logger, ready: handle.ready });

  let sweeping = false;
  const stopSweeps = every(systemClock, config.sweepIntervalMs, () => {
    if (sweeping) {
      return;
    }
    sweeping = true;
    simulator.subscriptions
      .sweep()
      .catch((error: unknown) => {
        logger.warn('subscription sweep failed', { error });
      })
      .finally(() => {
        sweeping = false;
      });
  });

  const server = serve(
    { fetch: simulator.app.fetch, port: config.port, hostname: config.host },
    (info) => {
      logger.info('CAMARA simulator listening', {
        port: info.port,
        store: config.store,
        localMode: config.localMode,
        monitoredPeriodDays: config.monitoredPeriodDays,
      });
    },
  );

  exitOnSignals({
    server,
    close: async () => {
      stopSweeps();
      await within(DRAIN_DELIVERIES_MS, simulator.subscriptions.idle());
      await handle.close();
    },
    graceMs: SHUTDOWN_GRACE_MS,
    logger,
  });
}

main();

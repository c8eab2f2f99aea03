import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { sleep, systemClock, type Clock } from '@sentinel/kernel';
import type { SimulatorConfig } from './config.ts';
import { createSimulatorApp } from './http/simulator-app.ts';
import type { SimEnv } from './http/sim-env.ts';
import { silentLogger, type Logger } from '@sentinel/kernel';
import type { SimulatorStore } from './store/simulator-store.ts';
import { fetchSender, type EventSender } from './subscriptions/event-sender.ts';
import {
  createSubscriptionService,
  type SubscriptionService,
} from './subscriptions/subscription-service.ts';
import { createTokenService, type TokenService } from './tokens/token-service.ts';

/** The behaviour part of the configuration (no ports, store kind or log level). */
export type SimulatorSettings = Pick<
  SimulatorConfig,
  | 'monitoredPeriodDays'
  | 'localMode'
  | 'fixedTwoLeggedTokens'
  | 'tokenTtlSeconds'
  | 'rateLimit'
  | 'demoKey'
  | 'eventSource'
  | 'delivery'
  | 'accessTokenLeadMs'
>;

/** What the composition root (or a test) plugs in; everything but the store has a default. */
export interface SimulatorAdapters {
  readonly store: SimulatorStore;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** How events reach sinks (default: `fetch` with the configured timeout). */
  readonly send?: EventSender;
  /** Waits between delivery attempts (default: real timers). */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly newId?: () => string;
  readonly ready?: () => Promise<void>;
}

export interface Simulator {
  readonly app: Hono<SimEnv>;
  readonly subscriptions: SubscriptionService;
  readonly tokens: TokenService;
}

/** Builds the services and the app from settings and adapters; binds no port, starts no timer. */
export function composeSimulator(
  settings: SimulatorSettings,
  adapters: SimulatorAdapters,
): Simulator {
  const clock = adapters.clock ?? systemClock;
  const logger = adapters.logger ?? silentLogger;
  const newId = adapters.newId ?? randomUUID;
  const tokens = createTokenService({
    store: adapters.store,
    clock,
    fixedTwoLegged: settings.fixedTwoLeggedTokens,
    defaultTtlSeconds: settings.tokenTtlSeconds,
  });
  const subscriptions = createSubscriptionService({
    store: adapters.store,
    clock,
    newId,
    events: { source: settings.eventSource, newId },
    accessTokenLeadMs: settings.accessTokenLeadMs,
    delivery: {
      send: adapters.send ?? fetchSender(settings.delivery.timeoutMs, clock),
      logger,
      attempts: settings.delivery.attempts,
      baseDelayMs: settings.delivery.baseDelayMs,
      sleep: adapters.sleep ?? ((ms) => sleep(clock, ms)),
      ...(adapters.random === undefined ? {} : { random: adapters.random }),
    },
  });
  const app = createSimulatorApp({
    store: adapters.store,
    clock,
    logger,
    tokens,
    subscriptions,
    policy: { monitoredPeriodDays: settings.monitoredPeriodDays },
    localMode: settings.localMode,
    rateLimit: settings.rateLimit,
    ...(settings.demoKey === undefined ? {} : { demoKey: settings.demoKey }),
    ready: adapters.ready ?? (() => Promise.resolve()),
  });
  return { app, subscriptions, tokens };
}

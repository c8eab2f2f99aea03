import { createAssessPayment } from './app/assess-payment.ts';
import { createBackground } from './app/background.ts';
import { coalesceRetries } from './app/coalesce-retries.ts';
import { createEnrolBehavior } from './app/enrol-behavior.ts';
import { createFallbackOutbox } from './app/fallback-outbox.ts';
import { createPolicyCache } from './app/policy-cache.ts';
import { warmUp } from './app/warm-up.ts';
import type { Config } from './config.ts';
import { demoRoutes } from './demo/demo-routes.ts';
import { httpDemoOperator } from './demo/demo-operator.ts';
import { toDecisionEvent } from '@sentinel/contracts';
import { createOutboxRelay } from './events/outbox-relay.ts';
import { createReportedOutcomeRelay } from './events/reported-outcome-relay.ts';
import { createReportOutcome } from './app/report-outcome.ts';
import { MemoryOutcomeEventPublisher } from './adapters/memory/memory-outcome-event-publisher.ts';
import type { OutcomeEventPublisher } from './ports/outcome-event-publisher.ts';
import { MemoryReportedOutcomes, type ReportedOutcomeStore } from '@sentinel/store';
import { createPseudonymiser } from '@sentinel/contracts';
import type { ConsoleAsset } from '@sentinel/console';
import { createApp } from './http/app.ts';
import { systemClock, uuidv7, type Clock, type IdGenerator } from '@sentinel/kernel';
import type { Logger } from '@sentinel/kernel';
import type { DecisionEventPublisher } from '@sentinel/contracts';
import type { DecisionLog } from '@sentinel/store';
import type { PolicyStores } from '@sentinel/store';
import type { RiskStateStore } from '@sentinel/store';
import type { LiveSignal, NumberEnrollment } from './ports/telco.ts';
import type { DecisionRecord } from '@sentinel/contracts';
import { consoleApiRoutes } from './console/console-api-routes.ts';
import { createFeedHub } from './console/feed-hub.ts';
import type { FeedSource } from './console/feed-source.ts';

/** The concrete adapters a risk-api runs on: Firestore + Pub/Sub, or all in memory. */
export interface Adapters {
  /** Platform-wide signals and each tenant's customer data. */
  readonly state: RiskStateStore;
  readonly log: DecisionLog;
  /** The platform default policy and each tenant's override. */
  readonly policyStores: PolicyStores;
  readonly publisher: DecisionEventPublisher;
  /** Live SIM swap lookups when the stored signal is not fresh (telco); none = stored signal only. */
  readonly liveSignal?: LiveSignal;
  /** Watch / subscribe customers' numbers at onboarding (telco); none = not watched. */
  readonly enrollment?: NumberEnrollment;
  /**
   * Outcomes the banks report (issue 13) and the `risk-outcomes` topic they are published on.
   * Default: both in memory (tests and benchmarks that report none); main.ts always sets both.
   */
  readonly outcomes?: ReportedOutcomeStore;
  readonly outcomePublisher?: OutcomeEventPublisher;
  /** The analyst's live feed (issue 15); absent: no `/v1/console` API. */
  readonly consoleFeed?: FeedSource;
}

export interface ComposeOptions {
  readonly logger: Logger;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  readonly version?: string;
  /** Mount the local-only demo endpoints (npm start). */
  readonly demo?: boolean;
  /** Serve the console under `/console` from these built assets (null: not built, say so). */
  readonly consoleAssets?: ReadonlyMap<string, ConsoleAsset> | null;
}

const READY_TIMEOUT_MS = 2_000;
const FALLBACK_MAX_HELD = 100_000;

/**
 * Builds one risk-api instance from config and adapters: the use cases, the background
 * machinery (policy polling, outbox sweep, fallback outbox) and the HTTP app. `start` begins the
 * background work; `stop` ends it after in-flight deliveries settle.
 */
export function composeRiskApi(config: Config, adapters: Adapters, opts: ComposeOptions) {
  const { logger } = opts;
  const clock = opts.clock ?? systemClock;
  const pseudonymise = createPseudonymiser(config.pseudonymKey);
  const toEvent = (record: DecisionRecord) => toDecisionEvent(record, pseudonymise);
  const background = createBackground(logger, clock);
  const policies = createPolicyCache({
    stores: adapters.policyStores,
    tenants: [...new Set(config.clients.flatMap((c) => (c.role === 'platform' ? [] : [c.tenant])))],
    logger,
    clock,
    refreshMs: config.policyRefreshMs,
  });
  const relay = createOutboxRelay({
    log: adapters.log,
    publisher: adapters.publisher,
    state: adapters.state,
    toEvent,
    clock,
    logger,
    intervalMs: config.outboxSweepMs,
    graceMs: config.outboxGraceMs,
  });
  const fallback = createFallbackOutbox({
    log: adapters.log,
    deliver: (record) => relay.deliver(record),
    publishOnly: (record) => adapters.publisher.publish(toEvent(record)),
    logger,
    clock,
    intervalMs: config.outboxSweepMs,
    maxHeld: FALLBACK_MAX_HELD,
    commitTimeoutMs: config.commitTimeoutMs,
  });
  // One assessment per transaction in flight in this instance (see coalesce-retries.ts).
  const assessPayment = coalesceRetries(
    createAssessPayment({
      state: adapters.state,
      log: adapters.log,
      policies,
      deliver: (record) => relay.deliver(record),
      rescue: (record) => fallback.add(record),
      commitsFailing: () => fallback.size > 0,
      background,
      clock,
      ids: opts.ids ?? uuidv7,
      logger,
      latencyBudgetMs: config.latencyBudgetMs,
      commitTimeoutMs: config.commitTimeoutMs,
      liveLookupBudgetMs: config.liveLookupBudgetMs,
      ...(adapters.liveSignal === undefined ? {} : { liveSignal: adapters.liveSignal }),
      authBaseUrl: config.authBaseUrl,
    }),
    (clientId, transactionId) => fallback.heldFor(clientId, transactionId),
    undefined,
    clock,
  );
  const outcomes = adapters.outcomes ?? new MemoryReportedOutcomes();
  const outcomeRelay = createReportedOutcomeRelay({
    store: outcomes,
    publisher: adapters.outcomePublisher ?? new MemoryOutcomeEventPublisher(),
    clock,
    logger,
    intervalMs: config.outboxSweepMs,
  });
  const reportOutcome = createReportOutcome({
    log: adapters.log,
    outcomes,
    clock,
    published: (tenant, report) => outcomeRelay.publishSoon(tenant, report),
  });
  const enrolBehavior = createEnrolBehavior({ store: adapters.state, clock });
  const feed = adapters.consoleFeed;
  const hub =
    feed === undefined
      ? null
      : createFeedHub({ clock, instance: (opts.ids ?? uuidv7)(clock.now()).slice(-12) });
  const app = createApp({
    clients: config.clients,
    assessPayment,
    enrolBehavior,
    state: adapters.state,
    log: adapters.log,
    outcomes,
    reportOutcome,
    policyStores: adapters.policyStores,
    policies,
    clock,
    rateLimits: config.rateLimits,
    logger,
    background,
    ...(adapters.enrollment === undefined ? {} : { enrollment: adapters.enrollment }),
    ready: () => adapters.state.ping({ timeoutMs: READY_TIMEOUT_MS }),
    version: opts.version ?? '0.1.0',
    stepUpSecret: config.stepUpSecret,
    ...(opts.consoleAssets === undefined
      ? {}
      : {
          console: {
            assets: opts.consoleAssets,
            demo: opts.demo === true,
            clients: config.clients,
            ...(config.console.tenant === null ? {} : { tenant: config.console.tenant }),
            frameSources: [new URL(config.authBaseUrl).origin],
          },
        }),
    ...(opts.demo === true
      ? {
          extraRoutes: demoRoutes({
            state: adapters.state,
            clock,
            ...(config.demoOperatorUrl === null
              ? {}
              : { operator: httpDemoOperator(config.demoOperatorUrl) }),
          }),
        }
      : {}),
    ...(hub === null
      ? {}
      : {
          consoleApi: consoleApiRoutes({
            hub,
            log: adapters.log,
            state: adapters.state,
            clock,
            escrowBaseUrl: config.console.escrowBaseUrl,
          }),
        }),
  });

  return {
    app,
    policies,
    relay,
    outcomeRelay,
    fallback,
    background,
    /** The analyst's feed hub (null without a feed source). */
    feed: hub,
    /** Pays first-use costs (validators, engine, read RPC) before traffic arrives. */
    warmUp: () => warmUp({ state: adapters.state, policies, logger, clock }),
    async start(): Promise<void> {
      await policies.refresh();
      policies.start();
      relay.start();
      outcomeRelay.start();
      fallback.start();
      await feed?.start((item) => hub?.publish(item));
    },
    async stop(): Promise<void> {
      // Deliveries start after their answers (background.ts): the decisions answered before the
      // stop are delivered first, so open event streams still show them before they end.
      await background.drain(5_000);
      // Open event streams would keep the HTTP server from closing: end them next.
      hub?.close();
      await feed?.stop();
      policies.stop();
      fallback.stop();
      await adapters.liveSignal?.drain(2_000);
      await fallback.flush();
      await relay.stop();
      await outcomeRelay.stop();
    },
  };
}

export type RiskApi = ReturnType<typeof composeRiskApi>;

import { every, systemClock, type Clock, type Logger } from '@sentinel/kernel';
import type {
  CustomerFactors,
  CustomerProfiles,
  ForTenant,
  PolicyStores,
  SimSwapSignals,
  StepUpChallengeStore,
} from '@sentinel/store';
import { createChallengeService } from './app/challenge-service.ts';
import { createOutcomeRelay } from './app/outcome-relay.ts';
import { effectivePolicy, smsSafety } from './app/sms-safety.ts';
import type { AuthConfig } from './config.ts';
import type { FactorService } from './factors-port.ts';
import { createFactorService } from './factors/index.ts';
import { createApp } from './http/app.ts';
import type { OneTimeCodes } from './ports/one-time-codes.ts';
import type { OutcomePublisher } from './ports/outcome-publisher.ts';

/** The concrete adapters an auth service runs on: Firestore + Pub/Sub + Twilio, or in memory. */
export interface AuthAdapters {
  readonly challenges: StepUpChallengeStore;
  readonly profiles: ForTenant<Pick<CustomerProfiles, 'getProfile'>>;
  readonly signals: Pick<SimSwapSignals, 'getSimSwapSignal'>;
  readonly policyStores: PolicyStores;
  readonly publisher: OutcomePublisher;
  /** The customers' enrolled passkeys and TOTP (one document per customer). */
  readonly customerFactors: ForTenant<CustomerFactors>;
  /**
   * Replaces the factors module built on `customerFactors` — only for tests about the challenge
   * routes' own logic (testing/fake-factors.ts); every real composition leaves it unset.
   */
  readonly factors?: FactorService;
  /** null: no code provider configured (SMS and e-mail codes answer 503). */
  readonly codes: OneTimeCodes | null;
  readonly ready: () => Promise<void>;
}

/**
 * Builds one auth service from config and adapters: the factors module (passkeys, TOTP), the
 * challenge use cases, the outcome relay and the HTTP app with the step-up page. `start` begins the sweep interval; `stop` ends it after pending publishes.
 */
export function composeAuth(
  config: AuthConfig,
  adapters: AuthAdapters,
  opts: { readonly logger: Logger; readonly clock?: Clock; readonly version?: string },
) {
  const clock = opts.clock ?? systemClock;
  const { logger } = opts;
  const factors =
    adapters.factors ??
    createFactorService({
      factors: adapters.customerFactors,
      clock,
      rp: config.rp,
      totpKey: config.totpKey,
      logger,
    });
  const relay = createOutcomeRelay({
    challenges: adapters.challenges,
    publisher: adapters.publisher,
    logger,
  });
  const challenges = createChallengeService({
    challenges: adapters.challenges,
    profiles: adapters.profiles,
    factors,
    codes: adapters.codes,
    smsSafety: smsSafety({
      signals: adapters.signals,
      policy: effectivePolicy(adapters.policyStores),
    }),
    relay,
    emailOtpTenants: config.emailOtpTenants,
    sendLimits: config.sendLimits,
    clock,
    logger,
  });
  const app = createApp({
    keys: config.keys,
    stepUpSecret: config.stepUpSecret,
    challenges,
    factors,
    logger,
    ready: adapters.ready,
    version: opts.version ?? '0.1.0',
    origins: config.rp.origins,
    demoEnrolmentTenant: config.demoEnrolmentTenant,
    frameAncestors: config.frameAncestors,
    sweepToken: config.sweepToken,
  });
  let stopSweep: (() => void) | undefined;
  return {
    app,
    factors,
    challenges,
    relay,
    start(): void {
      if (config.sweepMs > 0) {
        stopSweep = every(clock, config.sweepMs, () => {
          challenges.sweep().catch((error: unknown) => {
            logger.warn('sweep failed; the next one retries', { error });
          });
        });
      }
    },
    async stop(): Promise<void> {
      stopSweep?.();
      await relay.settle();
    },
  };
}

export type AuthService = ReturnType<typeof composeAuth>;

import {
  assess,
  BEHAVIOR_FEATURE_NAMES,
  classifySimSwapSignal,
  EMPTY_HISTORY,
  fitBaseline,
  type BehaviorBaseline,
  type PaymentRequest,
} from '@sentinel/engine';
import { AssessPaymentRequestSchema } from '../http/schemas.ts';
import type { Clock, Logger } from '@sentinel/kernel';
import { DEFAULT_TENANT, type ForTenant, type PayerSnapshots } from '@sentinel/store';
import type { PolicyCache } from './policy-cache.ts';

const SAMPLE = {
  transactionId: 'warm-up',
  userId: 'warm-up-probe',
  phoneNumber: '+27000000000',
  amount: { minor: 100, currency: 'ZAR' },
  channel: 'PAYSHAP',
  device: { id: 'warm-up-device', imei: '356938035643809' },
  ipAddress: '192.0.2.1',
  location: { lat: 0, lon: 0, source: 'GPS' },
} as const;

/**
 * Pays the first-use costs before the first payment does: zod compiles its validators on first
 * use, the engine's code paths get optimised, and the gRPC client loads the read method. Nothing is
 * written and no decision is made. Failures are logged, never fatal (readiness reports the store).
 */
export async function warmUp(deps: {
  readonly state: ForTenant<PayerSnapshots>;
  readonly policies: PolicyCache;
  readonly logger: Logger;
  readonly clock: Clock;
}): Promise<void> {
  const started = deps.clock.monotonicMs();
  const now = deps.clock.now();
  const baseline = warmUpBaseline(now);
  const features = Object.fromEntries(BEHAVIOR_FEATURE_NAMES.map((name, i) => [name, i + 1]));
  for (let i = 0; i < 50; i++) {
    // Every other round with a behaviour snapshot and a baseline: the scoring path warms too.
    const withBehavior = i % 2 === 1 && baseline !== null;
    const parsed = AssessPaymentRequestSchema.parse(
      withBehavior ? { ...SAMPLE, behavior: { features } } : SAMPLE,
    );
    const payment = { ...parsed, occurredAt: now } as PaymentRequest;
    assess(
      {
        payment,
        profile: null,
        simSwap: { signal: null, freshness: classifySimSwapSignal(null, now, 300) },
        history: EMPTY_HISTORY,
        now,
        behavior: { baseline: withBehavior ? baseline : null },
        deviceSightings: [],
        accountFrozen: false,
      },
      deps.policies.current(DEFAULT_TENANT),
    );
  }
  for (let i = 0; i < 3; i++) {
    // Any tenant warms the same code and connection; nothing is written.
    await deps.state
      .forTenant(DEFAULT_TENANT)
      .readSnapshot(SAMPLE.userId, SAMPLE.phoneNumber, { timeoutMs: 10_000 })
      .catch((error: unknown) => deps.logger.warn('warm-up read failed', { error }));
  }
  deps.logger.info('warmed up', { ms: Math.round(deps.clock.monotonicMs() - started) });
}

/** A baseline from made-up sessions (never stored): just something to score against. */
export function warmUpBaseline(now: Date): BehaviorBaseline | null {
  const sessions = Array.from({ length: 12 }, (_, k) =>
    BEHAVIOR_FEATURE_NAMES.map((_, i) => (i + 1) * (1 + 0.01 * ((k * 7 + i * 3) % 11))),
  );
  const fitted = fitBaseline(sessions, { fittedAt: now });
  return fitted.ok ? fitted.baseline : null;
}

import type { Clock } from '../ids.ts';
import type { Logger } from '../logger.ts';
import type { RiskStateStore } from '../ports/risk-state.ts';
import { DEMO_CUSTOMERS, demoProfiles } from './demo-data.ts';

/** Writes the demo customers and a clean, fresh SIM swap signal for each. */
export async function seedDemo(state: RiskStateStore, clock: Clock): Promise<void> {
  const now = clock.now();
  for (const profile of demoProfiles(now)) {
    await state.putProfile(profile);
    await state.putSimSwapSignal({
      phoneNumber: profile.phoneNumber,
      lastSwapAt: null,
      checkedAt: now,
      source: 'demo',
    });
  }
}

/**
 * Stand-in for telco ingestion on the local stack until the CAMARA poller lands (issue 3):
 * re-stamps `checkedAt` of the demo numbers every `intervalMs`, keeping whatever swap time they
 * have, so the demo signals stay FRESH. Never runs outside SENTINEL_DEMO=true.
 */
export function startDemoTelcoFeed(opts: {
  readonly state: RiskStateStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly intervalMs: number;
}): () => void {
  const tick = async () => {
    for (const { phoneNumber } of Object.values(DEMO_CUSTOMERS)) {
      const signal = await opts.state.getSimSwapSignal(phoneNumber);
      await opts.state.putSimSwapSignal({
        phoneNumber,
        lastSwapAt: signal?.lastSwapAt ?? null,
        checkedAt: opts.clock.now(),
        source: signal?.source ?? 'demo',
      });
    }
  };
  const timer = setInterval(() => {
    tick().catch((error: unknown) => opts.logger.warn('demo telco feed failed', { error }));
  }, opts.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

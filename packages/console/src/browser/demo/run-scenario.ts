import type { Decision } from '@sentinel/contracts';
import type { Api, CustomerView, DemoFixtures } from '../shared/api.ts';
import { behaviourSnapshot } from './behaviour-seam.ts';
import { deviceFor, newFleetId } from './devices.ts';
import { HOME_IP } from './ip-geography.ts';
import { otpOnly, type OtpOnlyOutcome } from './otp-only.ts';
import { newTransactionId, paymentRequest, type PaymentDevice } from './payment-request.ts';
import type { Scenario } from './scenarios.ts';

export interface AttackContext {
  readonly api: Api;
  readonly fixtures: DemoFixtures;
  /** Every demo customer's profile; the victim is one of them. */
  readonly customers: readonly CustomerView[];
  /** Narrates a step in the system log. */
  readonly note: (text: string) => void;
  /** Narrates a decision in the system log under a heading. */
  readonly decided: (heading: string, decision: Decision) => void;
}

export interface ScenarioResult {
  readonly scenario: Scenario;
  readonly decision: Decision;
  readonly otp: OtpOnlyOutcome;
}

/** A small PayShap payment of an attempt (R250, as SHIELD's scenario runs use). */
async function attempt(
  ctx: AttackContext,
  customer: CustomerView,
  device: PaymentDevice,
  snapshot: string | null,
): Promise<Decision> {
  const transactionId = newTransactionId('attack');
  return ctx.api.assessPayment(
    paymentRequest(
      {
        userId: customer.userId,
        phoneNumber: customer.phoneNumber,
        amountMinor: 25_000,
        channel: 'PAYSHAP',
        payee: 'Mule account 4471',
        device,
        ipAddress: HOME_IP.ip,
        location: HOME_IP.location,
        behaviour:
          snapshot === null ? null : behaviourSnapshot(ctx.fixtures, snapshot, transactionId),
      },
      transactionId,
    ),
  );
}

/** Unfreezes a customer an earlier attack froze, so each run starts from a clean account. */
export async function unfreezeIfFrozen(ctx: AttackContext, userId: string): Promise<void> {
  const now = await ctx.api.customer(userId);
  if (now.freeze.frozen) {
    await ctx.api.unfreeze(userId, 'console: reset before the next attack');
    ctx.note(`${userId} unfrozen by the bank (admin key) before the next attack`);
  }
}

/**
 * One scenario, for real: the victim's SIM swapped (or not) at the operator, then the attempt(s)
 * from the scenario's device with its snapshot. A fleet attack first tries every other customer
 * from the same device, then the victim: the row shows the victim's decision.
 */
export async function runScenario(
  ctx: AttackContext,
  scenario: Scenario,
  victim: CustomerView,
): Promise<ScenarioResult> {
  await unfreezeIfFrozen(ctx, victim.userId);
  await ctx.api.demo.simSwap(victim.phoneNumber, scenario.simSwapMinutesAgo);
  ctx.note(
    scenario.simSwapMinutesAgo === null
      ? `${scenario.title}: ${victim.userId}'s SIM not swapped`
      : `${scenario.title}: ${victim.userId}'s SIM swapped ${scenario.simSwapMinutesAgo} min ago at the operator`,
  );
  const fleetId = newFleetId();
  if (scenario.device === 'fleet') {
    for (const other of ctx.customers.filter((c) => c.userId !== victim.userId)) {
      const decision = await attempt(
        ctx,
        other,
        deviceFor('fleet', other, fleetId),
        scenario.snapshot,
      );
      ctx.decided(`Fleet device ${fleetId} tries ${other.userId}`, decision);
    }
  }
  const decision = await attempt(
    ctx,
    victim,
    deviceFor(scenario.device, victim, fleetId),
    scenario.snapshot,
  );
  ctx.decided(`${scenario.title} against ${victim.userId}`, decision);
  return { scenario, decision, otp: otpOnly(scenario.otp) };
}

import {
  assess,
  classifySimSwapSignal,
  EMPTY_HISTORY,
  inAppMethods,
  isOutOfBand,
  safeAssessment,
  type Assessment,
  type AssessmentContext,
  type BehaviorBaseline,
  type PaymentRequest,
  type SimSwapSignal,
} from '@sentinel/engine';
import {
  escrowRules,
  newHold,
  type Decision,
  type DecisionRecord,
  type StepUpChallenge,
} from '@sentinel/contracts';
import type { Clock, IdGenerator } from '@sentinel/kernel';
import type { Logger } from '@sentinel/kernel';
import type { DecisionLog } from '@sentinel/store';
import type { ForTenant, PayerSnapshots, RiskSnapshot, TenantId } from '@sentinel/store';
import type { LiveSignal } from '../ports/telco.ts';
import type { AssessPaymentRequest } from '../http/schemas.ts';
import type { Background } from './background.ts';
import { requestHash } from './canonical-hash.ts';
import { canonicalIp } from './canonical-ip.ts';
import type { PolicyCache } from './policy-cache.ts';
import { toDecision } from './to-decision.ts';
import { withDeadline } from '@sentinel/kernel';

export interface AssessPaymentDeps {
  readonly state: ForTenant<PayerSnapshots>;
  readonly log: DecisionLog;
  readonly policies: PolicyCache;
  /** Publishes the event and applies history for a freshly recorded decision. */
  readonly deliver: (record: DecisionRecord) => Promise<void>;
  /** Keeps a decision whose durable commit failed, and retries it (see fallback-outbox.ts). */
  readonly rescue: (record: DecisionRecord) => void;
  /** True while rescued decisions still wait to be committed: the store is known to be down. */
  readonly commitsFailing: () => boolean;
  readonly background: Background;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: Logger;
  readonly latencyBudgetMs: number;
  readonly commitTimeoutMs: number;
  /** At most this long for a live lookup when the stored SIM swap signal is not fresh. */
  readonly liveLookupBudgetMs: number;
  readonly liveSignal?: LiveSignal;
  readonly authBaseUrl: string;
}

export interface Timings {
  read: number;
  /** The live SIM swap lookup, when the stored signal was not fresh (0 otherwise). */
  telco: number;
  engine: number;
  commit: number;
}

export type AssessOutcome =
  | {
      readonly kind: 'decided';
      readonly decision: Decision;
      /**
       * The fingerprint of the body this answers (`requestHash`, canonical-hash.ts): a retry is
       * the same request when its body has the same one.
       */
      readonly requestHash: string;
      readonly replayed: boolean;
      /** The decision is the one the store holds for the transaction (false: answered unconfirmed). */
      readonly committed: boolean;
      readonly timings: Timings;
    }
  | { readonly kind: 'conflict'; readonly decisionId: string };

// Time kept back from the read for the durable commit that follows it.
const COMMIT_RESERVE_FRACTION = 0.4;

/**
 * `POST /v1/assess-payment` as a use case: one batched read, the pure engine, one atomic commit
 * (idempotency claim + decision record + outbox entry), then delivery in the background.
 */
export function createAssessPayment(deps: AssessPaymentDeps) {
  // When the store last answered this hot path (a read or a commit): an outage (nothing answers)
  // is told from an overload (some calls late, others still answered) by it, see the commit.
  let storeAnsweredAtMs = deps.clock.monotonicMs();
  /**
   * The stored signal when FRESH; otherwise one live lookup within what is left of the budget
   * before the commit's share (SPEC §5), and a background refresh when that fails too.
   */
  const freshSimSwap = async (
    stored: SimSwapSignal | null,
    phoneNumber: string,
    now: Date,
    maxAgeSeconds: number,
    remainingMs: () => number,
    timings: Timings,
  ): Promise<AssessmentContext['simSwap']> => {
    const freshness = classifySimSwapSignal(stored, now, maxAgeSeconds);
    if (freshness === 'FRESH' || deps.liveSignal === undefined) {
      return { signal: stored, freshness };
    }
    const started = deps.clock.monotonicMs();
    const budget = Math.min(deps.liveLookupBudgetMs, remainingMs());
    const live = await deps.liveSignal.lookupLive(phoneNumber, budget);
    timings.telco = deps.clock.monotonicMs() - started;
    if (live === null) {
      deps.liveSignal.queueRefresh(phoneNumber);
      return { signal: stored, freshness };
    }
    return { signal: live, freshness: classifySimSwapSignal(live, now, maxAgeSeconds) };
  };
  return async function assessPayment(
    body: AssessPaymentRequest,
    caller: { readonly clientId: string },
    startedAtMs: number,
  ): Promise<AssessOutcome> {
    const elapsed = () => deps.clock.monotonicMs() - startedAtMs;
    const now = deps.clock.now();
    const hash = requestHash(body);
    const payment = toPaymentRequest(body, now);
    // A client is its tenant (config.ts): its id scopes the read, the policy and the record.
    const tenant: TenantId = caller.clientId;
    const policy = deps.policies.current(tenant);
    const timings: Timings = { read: 0, telco: 0, engine: 0, commit: 0 };

    let snapshot: RiskSnapshot | null = null;
    const readStart = deps.clock.monotonicMs();
    try {
      const remaining = deps.latencyBudgetMs - elapsed();
      const readBudget = Math.max(1, remaining * (1 - COMMIT_RESERVE_FRACTION));
      snapshot = await withDeadline(
        () =>
          deps.state.forTenant(tenant).readSnapshot(payment.userId, payment.phoneNumber, {
            timeoutMs: readBudget,
            deviceId: payment.device.id,
          }),
        { clock: deps.clock, ms: readBudget, what: 'risk state read' },
      );
      storeAnsweredAtMs = deps.clock.monotonicMs();
    } catch (error) {
      deps.logger.warn('risk state unavailable; answering with the safe action', { error });
    }
    timings.read = deps.clock.monotonicMs() - readStart;

    const simSwap =
      snapshot === null
        ? null
        : await freshSimSwap(
            snapshot.simSwap,
            payment.phoneNumber,
            now,
            policy.document.signalMaxAgeSeconds,
            () => deps.latencyBudgetMs * (1 - COMMIT_RESERVE_FRACTION) - elapsed(),
            timings,
          );

    const engineStart = deps.clock.monotonicMs();
    let ctx: AssessmentContext | null = null;
    let assessment: Assessment;
    if (snapshot === null || simSwap === null) {
      assessment = safeAssessment(payment, policy, now, 'DEPENDENCY_UNAVAILABLE');
    } else {
      ctx = {
        payment,
        profile: snapshot.profile,
        simSwap,
        history: snapshot.history,
        now,
        behavior: { baseline: snapshot.baseline },
        deviceSightings: snapshot.deviceSightings,
        accountFrozen: snapshot.accountFrozen,
      };
      assessment = assess(ctx, policy);
    }
    timings.engine = deps.clock.monotonicMs() - engineStart;

    const decision = toDecision(assessment, {
      transactionId: body.transactionId,
      ids: { decisionId: deps.ids(now), escrowId: () => deps.ids(now) },
      now,
      authBaseUrl: deps.authBaseUrl,
      challengeTtlSeconds: policy.document.stepUp.challengeTtlSeconds,
      escrowHoldHours: policy.document.escrow.holdHours,
      latencyMs: round1(elapsed()),
    });
    const challenge = stepUpChallenge(decision, payment, now);
    // Held decisions only (issue 12): the hold is written in the decision's own commit.
    const hold =
      decision.escrow === undefined
        ? null
        : newHold({
            decision,
            userId: payment.userId,
            phoneNumber: payment.phoneNumber,
            amount: payment.amount,
            channel: payment.channel,
            heldAt: now,
            rules: escrowRules(policy.document),
          });
    const record: DecisionRecord = {
      ...(challenge === null ? {} : { challenge }),
      ...(hold === null ? {} : { hold }),
      decision,
      clientId: caller.clientId,
      userId: payment.userId,
      phoneNumber: payment.phoneNumber,
      ipAddress: payment.ipAddress,
      amount: payment.amount,
      channel: payment.channel,
      deviceId: payment.device.id,
      requestHash: hash,
      occurredAt: payment.occurredAt,
      decidedAt: now,
      // The engine's inputs as they were; adapters serialise them (Firestore: JSON text). The
      // baseline itself is kept versioned by the store: its version is enough to find it again.
      context: {
        payment,
        profile: ctx?.profile ?? null,
        simSwap: ctx?.simSwap ?? null,
        history: ctx?.history ?? EMPTY_HISTORY,
        degraded: ctx === null,
        behaviorBaseline: baselineRef(snapshot?.baseline ?? null),
        deviceSightings: ctx?.deviceSightings ?? [],
        accountFrozen: ctx?.accountFrozen ?? false,
        // Which factors counted and where they came from (the auth service or the bank's list).
        enrolledFactors: ctx === null ? null : (snapshot?.enrolledFactors ?? null),
        ...(assessment.signals.behavior === undefined
          ? {}
          : { behaviorSignal: assessment.signals.behavior }),
      },
      effects: assessment.effects,
    };

    // The commit decides which decision a transaction gets, across instances; it is allowed to
    // run past the latency budget (up to commitTimeoutMs) rather than answer an unrecorded
    // decision that a concurrent retry could contradict. Except when Firestore is down, not slow:
    // this read failed, earlier commits failed too (the fallback outbox holds them) and nothing
    // has answered for longer than the commit deadline. Waiting out the deadline there only made
    // every answer of an outage commitTimeoutMs late (measured through a fault proxy: 1.15 s per
    // answer at a 250 ms budget and a 1 s deadline, test/faults). Such a decision is the policy's
    // safe action; it gets what is left of the budget, and the fallback outbox records it.
    const storeDown =
      snapshot === null &&
      deps.commitsFailing() &&
      deps.clock.monotonicMs() - storeAnsweredAtMs > deps.commitTimeoutMs;
    const commitTimeoutMs = storeDown
      ? Math.max(1, deps.latencyBudgetMs - elapsed())
      : deps.commitTimeoutMs;
    const commitStart = deps.clock.monotonicMs();
    try {
      const result = await withDeadline(() => deps.log.record(record), {
        clock: deps.clock,
        ms: commitTimeoutMs,
        what: 'decision commit',
      });
      storeAnsweredAtMs = deps.clock.monotonicMs();
      timings.commit = deps.clock.monotonicMs() - commitStart;
      if (!result.created) {
        if (result.existing.requestHash !== hash) {
          return { kind: 'conflict', decisionId: result.existing.decision.decisionId };
        }
        return decided(result.existing.decision, hash, timings, {
          replayed: true,
          committed: true,
        });
      }
      deps.background.run('deliver decision', () => deps.deliver(record));
      return decided(decision, hash, timings, { replayed: false, committed: true });
    } catch (error) {
      timings.commit = deps.clock.monotonicMs() - commitStart;
      // Firestore is down or hung: the answer is still given (a payment stack waiting on us is
      // worse than a late record); idempotency across instances is not guaranteed until it returns.
      deps.logger.error('decision commit failed; kept in the fallback outbox', {
        error,
        decisionId: decision.decisionId,
      });
      deps.rescue(record);
    }
    return decided(decision, hash, timings, { replayed: false, committed: false });
  };
}

export type AssessPayment = ReturnType<typeof createAssessPayment>;

/** A decided outcome: the decision, the fingerprint of the body it answers, how it was reached. */
function decided(
  decision: Decision,
  requestHash: string,
  timings: Timings,
  how: { readonly replayed: boolean; readonly committed: boolean },
): AssessOutcome {
  return { kind: 'decided', decision, requestHash, ...how, timings };
}

function toPaymentRequest(body: AssessPaymentRequest, now: Date): PaymentRequest {
  const { occurredAt, ipAddress, ...rest } = body;
  return {
    ...rest,
    ipAddress: canonicalIp(ipAddress),
    occurredAt: occurredAt === undefined ? now : new Date(occurredAt),
  } as PaymentRequest;
}

/**
 * A STEP_UP decision's challenge (issue 11), recorded in the decision's own commit so the auth
 * service can serve it the moment the answer is sent. Its id is the decision id.
 */
function stepUpChallenge(
  decision: Decision,
  payment: PaymentRequest,
  now: Date,
): StepUpChallenge | null {
  const stepUp = decision.stepUp;
  if (
    decision.action !== 'STEP_UP' ||
    stepUp?.expiresAt === undefined ||
    isOutOfBand(stepUp.methods)
  ) {
    return null;
  }
  return {
    id: decision.decisionId,
    userId: payment.userId,
    decisionId: decision.decisionId,
    amount: payment.amount,
    payee: payment.payee?.accountId ?? null,
    methods: inAppMethods(stepUp.methods),
    riskLevel: decision.riskLevel,
    createdAt: now,
    expiresAt: new Date(stepUp.expiresAt),
    status: 'PENDING',
    attempts: 0,
    sends: 0,
  };
}

function baselineRef(baseline: BehaviorBaseline | null) {
  return baseline === null
    ? null
    : {
        version: baseline.version,
        schemaVersion: baseline.schemaVersion,
        n: baseline.n,
        fittedAt: baseline.fittedAt,
      };
}

function round1(ms: number): number {
  return Math.round(ms * 10) / 10;
}

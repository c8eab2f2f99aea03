import { describe, expect, it } from 'vitest';
import { aDecisionRecord, T0 } from './testing/fixtures.ts';
import type { DecisionRecord } from './decision.ts';
import { DECISION_EVENT_SCHEMA_VERSION } from './decision-event-schema.ts';
import { toDecisionEvent } from './decision-event.ts';
import type { Pseudonymise } from './pseudonymiser.ts';

// A transparent stand-in: shows which value of which kind was pseudonymised.
const tag: Pseudonymise = (kind, value) => `${kind}#${value.length}`;

describe('toDecisionEvent', () => {
  it('maps a held STEP_UP decision field by field', () => {
    const record = aDecisionRecord({ decisionId: 'd-1', transactionId: 'tx-1' });
    expect(toDecisionEvent(record, tag)).toEqual({
      decisionId: 'd-1',
      transactionId: 'tx-1',
      clientId: 'bank-a',
      occurredAt: (T0.getTime() - 20) * 1000,
      decidedAt: T0.getTime() * 1000,
      userKey: 'user#6',
      phoneKey: 'phone#12',
      ipKey: 'ip#10',
      deviceKey: 'device#7',
      amountMinor: 125_000,
      currency: 'ZAR',
      channel: 'PAYSHAP',
      action: 'STEP_UP',
      riskScore: 70,
      riskLevel: 'HIGH',
      reasons: [{ code: 'SIM_SWAP_RECENT', weight: 70 }],
      stepUpMethods: ['WEBAUTHN'],
      escrowHeld: true,
      escrowReason: 'TELCO_SIGNAL_STALE',
      freeze: false,
      simSwapFreshness: 'FRESH',
      simSwapAgeHours: 3,
      policyId: 'default',
      policyVersion: 3,
      latencyMs: 4.2,
      schemaVersion: DECISION_EVENT_SCHEMA_VERSION,
      behaviorScore: null,
      behaviorDistance: null,
      behaviorBaselineVersion: null,
      tenantId: 'bank-a',
      escrowId: 'escrow-d-1',
      escrowReleaseBy: (T0.getTime() + 24 * 3_600_000) * 1000,
      stepUpChallengeId: 'd-1',
      payeeKey: 'payee#7',
    });
  });

  it('carries the behaviour score, distance and baseline version, and the freeze', () => {
    const base = aDecisionRecord();
    const record: DecisionRecord = {
      ...base,
      decision: {
        ...base.decision,
        action: 'DENY',
        freeze: true,
        signals: {
          ...base.decision.signals,
          behavior: {
            score: 12.4,
            distance: 41.237,
            baselineVersion: 3,
            topAnomalies: ['typing much slower than usual (z = 3.4)'],
          },
        },
      },
    };
    expect(toDecisionEvent(record, tag)).toMatchObject({
      freeze: true,
      behaviorScore: 12.4,
      behaviorDistance: 41.237,
      behaviorBaselineVersion: 3,
    });
    expect(JSON.stringify(toDecisionEvent(record, tag))).not.toContain('typing');
  });

  it('reports no step-up and no escrow as empty and null', () => {
    const base = aDecisionRecord();
    const { stepUp: _s, escrow: _e, ...decision } = base.decision;
    const record: DecisionRecord = {
      ...base,
      decision: {
        ...decision,
        action: 'APPROVE',
        signals: {
          simSwap: { lastSwapAt: null, ageHours: null, freshness: 'FRESH', source: 'camara' },
        },
      },
    };
    expect(toDecisionEvent(record, tag)).toMatchObject({
      action: 'APPROVE',
      stepUpMethods: [],
      escrowHeld: false,
      escrowReason: null,
      escrowId: null,
      escrowReleaseBy: null,
      stepUpChallengeId: null,
      simSwapAgeHours: null,
    });
  });

  it('names the challenge but never carries its URL or client secret', () => {
    const base = aDecisionRecord({ decisionId: 'd-2' });
    const stepUp = base.decision.stepUp;
    if (stepUp === undefined) {
      throw new Error('the fixture steps up');
    }
    const record: DecisionRecord = {
      ...base,
      decision: {
        ...base.decision,
        stepUp: { ...stepUp, challengeUrl: `${stepUp.challengeUrl}#cs1.bank-a.c2VjcmV0LW1hYw` },
      },
    };
    const event = toDecisionEvent(record, tag);
    expect(event.stepUpChallengeId).toBe('d-2');
    const json = JSON.stringify(event);
    expect(json).not.toContain('cs1.');
    expect(json).not.toContain('/v1/challenges');
  });

  it('has no payee key for a payment that named no payee', () => {
    const base = aDecisionRecord();
    const { payee: _p, ...payment } = base.context.payment;
    const record: DecisionRecord = { ...base, context: { ...base.context, payment } };
    expect(toDecisionEvent(record, tag).payeeKey).toBeNull();
    expect(toDecisionEvent(base, tag).payeeKey).toBe('payee#7');
  });

  it('keeps integers integral and numbers finite, so the schema always accepts the event', () => {
    const base = aDecisionRecord();
    const record: DecisionRecord = {
      ...base,
      decision: {
        ...base.decision,
        riskScore: 70.4,
        reasons: [{ code: 'X', message: 'x', weight: 12.6, evidence: {} }],
        latencyMs: Number.NaN,
        signals: {
          simSwap: { ...base.decision.signals.simSwap, ageHours: Infinity },
          behavior: {
            score: Number.NaN,
            distance: Infinity,
            baselineVersion: 2,
            topAnomalies: [],
          },
        },
      },
    };
    expect(toDecisionEvent(record, tag)).toMatchObject({
      riskScore: 70,
      reasons: [{ code: 'X', weight: 13 }],
      latencyMs: 0,
      simSwapAgeHours: null,
      behaviorScore: null,
      behaviorDistance: null,
      behaviorBaselineVersion: 2,
    });
  });

  it('carries no raw personal data, whatever the pseudonymiser is fed', () => {
    const record = aDecisionRecord();
    const json = JSON.stringify(toDecisionEvent(record, () => 'pseudonym'));
    const payee = record.context.payment.payee?.accountId ?? 'payee';
    for (const raw of [
      record.userId,
      record.phoneNumber,
      record.ipAddress,
      record.deviceId,
      payee,
    ]) {
      expect(json).not.toContain(raw);
    }
  });
});

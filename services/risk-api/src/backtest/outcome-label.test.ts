import type { ReportedOutcomeKind } from '@sentinel/contracts';
import { at } from '@sentinel/contracts/testing';
import { describe, expect, it } from 'vitest';
import { outcomeLabel, type OutcomeLabel } from './outcome-label.ts';

const reports = (...kinds: ReportedOutcomeKind[]) =>
  kinds.map((outcome) => ({
    decisionId: 'd',
    outcome,
    reportedBy: 'analyst',
    reference: null,
    occurredAt: at(0),
    reportedAt: at(0),
    decidedAt: at(0),
  }));
const passed = {
  stepUpOutcome: { status: 'PASSED' as const, method: 'WEBAUTHN' as const, at: at(0) },
};
const failed = { stepUpOutcome: { status: 'FAILED' as const, method: null, at: at(0) } };

describe('outcomeLabel', () => {
  it.each<[string, object, ReportedOutcomeKind[], OutcomeLabel]>([
    ['nothing known', {}, [], 'unlabelled'],
    ['a failed step-up alone', failed, [], 'unlabelled'],
    ['a reported failed step-up', {}, ['STEP_UP_FAILED'], 'unlabelled'],
    ['a passed step-up (auth service)', passed, [], 'legitimate'],
    ['a passed step-up (bank)', {}, ['STEP_UP_PASSED'], 'legitimate'],
    ['confirmed legitimate', {}, ['CONFIRMED_LEGITIMATE'], 'legitimate'],
    ['confirmed fraud', {}, ['CONFIRMED_FRAUD'], 'fraud'],
    ['a chargeback', {}, ['CHARGEBACK'], 'fraud'],
    ['fraud after a passed step-up', passed, ['CONFIRMED_FRAUD'], 'fraud'],
    ['a chargeback after "legitimate"', {}, ['CONFIRMED_LEGITIMATE', 'CHARGEBACK'], 'fraud'],
  ])('%s', (_, record, kinds, label) => {
    expect(outcomeLabel(record, reports(...kinds))).toBe(label);
  });
});

import { describe, expect, it } from 'vitest';
import type { Action } from './assessment.ts';
import { freezeEffects, historyEffect, sightingEffect } from './effects.ts';
import type { RuleHit } from './rule.ts';
import { aPayment, aProfile, IMEI, JOHANNESBURG, NOW, PHONE } from './testing/fixtures.ts';

const hit = (code: string, flags: Pick<RuleHit, 'freeze' | 'freezeOthers'>): RuleHit => ({
  code,
  message: code,
  weight: 100,
  evidence: {},
  ...flags,
});

describe('freezeEffects', () => {
  it.each([
    ['no hit freezes', [hit('A', {})], []],
    [
      'the payer’s own freeze',
      [hit('BEHAVIOR_ANOMALY', { freeze: true })],
      [['u-1', 'BEHAVIOR_ANOMALY']],
    ],
    [
      'other accounts only (the bound customer steps up)',
      [hit('FLEET_ANOMALY', { freeze: false, freezeOthers: ['u-3', 'u-2'] })],
      [
        ['u-2', 'FLEET_ANOMALY'],
        ['u-3', 'FLEET_ANOMALY'],
      ],
    ],
    [
      'each account takes the first (heaviest) hit that freezes it',
      [
        hit('BEHAVIOR_ANOMALY', { freeze: true }),
        hit('FLEET_ANOMALY', { freeze: true, freezeOthers: ['u-2'] }),
      ],
      [
        ['u-1', 'BEHAVIOR_ANOMALY'],
        ['u-2', 'FLEET_ANOMALY'],
      ],
    ],
  ])('%s', (_label, hits, expected) => {
    expect(freezeEffects(hits, 'u-1')).toEqual(
      expected.map(([userId, reason]) => ({ userId, reason })),
    );
  });
});

describe('historyEffect', () => {
  it.each<[Action, boolean]>([
    ['APPROVE', true],
    ['STEP_UP', false],
    ['DENY', false],
  ])('remembers a %s payment; learns place and IMEI: %s', (action, learns) => {
    const payment = aPayment({ payee: { accountId: 'payee-9' } });
    expect(historyEffect(payment, action)).toEqual({
      userId: 'u-1',
      payment: {
        at: NOW,
        amount: { minor: 25_000, currency: 'ZAR' },
        action,
        payeeAccountId: 'payee-9',
      },
      ...(learns
        ? {
            location: { ...JOHANNESBURG, accuracyM: 20, source: 'GPS', at: NOW },
            imei: { imei: IMEI, phoneNumber: PHONE, at: NOW },
          }
        : {}),
    });
  });

  it('learns no place or IMEI a payment did not carry', () => {
    const effect = historyEffect(
      aPayment({ location: undefined, device: { id: 'dev-1' } }),
      'APPROVE',
    );
    expect(effect).not.toHaveProperty('location');
    expect(effect).not.toHaveProperty('imei');
  });
});

describe('sightingEffect', () => {
  it.each([
    ['a known customer on their bound phone', aPayment(), aProfile(), { bound: true }],
    [
      'a known customer on another device',
      aPayment({ device: { id: 'dev-x' } }),
      aProfile(),
      { bound: false },
    ],
    ['a customer who does not exist: none', aPayment({ userId: 'other' }), null, null],
  ])('%s', (_label, payment, profile, expected) => {
    expect(sightingEffect(payment, profile, NOW)).toEqual(
      expected === null
        ? null
        : { userId: payment.userId, deviceId: payment.device.id, at: NOW, ...expected },
    );
  });
});

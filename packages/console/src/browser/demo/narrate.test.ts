import type { Decision } from '@sentinel/contracts';
import { describe, expect, it } from 'vitest';
import { narrate } from './narrate.ts';

const base: Decision = {
  decisionId: 'd-1',
  transactionId: 't-1',
  action: 'APPROVE',
  riskScore: 0,
  riskLevel: 'LOW',
  reasons: [],
  freeze: false,
  signals: { simSwap: { lastSwapAt: null, ageHours: null, freshness: 'FRESH', source: 'camara' } },
  policy: { id: 'default', version: 3 },
  latencyMs: 12.4,
};

const texts = (d: Decision) => narrate(d).map((l) => l.text);

describe('the system log narrates a decision from its own fields', () => {
  it('a clean approval', () => {
    expect(texts(base)).toEqual([
      'SIM status: no swap reported by the operator (fresh, source camara)',
      'Risk score 0 (low)',
      'Action: approve — the payment goes through',
      'Decided in 12 ms by policy default v3',
    ]);
  });

  it('a recent swap: the reasons, the score and a passkey step-up with SMS bypassed', () => {
    const lines = texts({
      ...base,
      action: 'STEP_UP',
      riskScore: 95,
      riskLevel: 'CRITICAL',
      reasons: [
        { code: 'SIM_SWAP_RECENT', message: 'SIM changed 5 min ago', weight: 70, evidence: {} },
      ],
      stepUp: { methods: ['WEBAUTHN'], challengeUrl: 'http://a/x#s', expiresAt: 'soon' },
      signals: {
        simSwap: {
          lastSwapAt: '2026-12-06T10:00:00Z',
          ageHours: 0.1,
          freshness: 'FRESH',
          source: 'demo',
        },
      },
    });
    expect(lines).toEqual([
      'SIM status: SIM swapped 0.1 h ago (fresh, source demo)',
      'Signal SIM_SWAP_RECENT: SIM changed 5 min ago (+70)',
      'Risk score 95 (critical)',
      'Action: step-up with a passkey, SMS code bypassed',
      'Decided in 12 ms by policy default v3',
    ]);
  });

  it('SMS is not called bypassed when it is offered, nor when the SIM is not in doubt', () => {
    const stepUp = (methods: Decision['stepUp']) =>
      texts({ ...base, action: 'STEP_UP', riskLevel: 'MEDIUM', riskScore: 40, stepUp: methods });
    expect(
      stepUp({ methods: ['WEBAUTHN', 'SMS_OTP'], challengeUrl: 'u', expiresAt: 'e' }),
    ).toContain('Action: step-up with a passkey or an SMS code');
    expect(stepUp({ methods: ['TOTP'], challengeUrl: 'u', expiresAt: 'e' })).toContain(
      'Action: step-up with an authenticator-app code',
    );
  });

  it('a stale signal held out of band, a behaviour score, a freeze', () => {
    const lines = narrate({
      ...base,
      action: 'STEP_UP',
      riskScore: 20,
      stepUp: { methods: ['OUT_OF_BAND'] },
      escrow: {
        status: 'HELD',
        escrowId: 'e-1',
        reason: 'TELCO_SIGNAL_STALE',
        releaseBy: '2026-12-07T10:00:00Z',
      },
      freeze: true,
      signals: {
        simSwap: { lastSwapAt: null, ageHours: null, freshness: 'STALE', source: 'demo' },
        behavior: {
          score: 12.4,
          distance: 30,
          baselineVersion: 1,
          topAnomalies: ['typing far too regular'],
        },
      },
    });
    expect(lines.map((l) => [l.tone, l.text])).toEqual([
      [
        'warn',
        'SIM status: the operator did not answer; its last answer is stale (no swap then, source demo)',
      ],
      ['alert', 'Behaviour: 12/100 like the customer; unusual: typing far too regular'],
      ['good', 'Risk score 20 (low)'],
      [
        'warn',
        'Action: step-up with an out-of-band check by the bank (call centre or branch), SMS code bypassed',
      ],
      [
        'alert',
        'Held in escrow (TELCO_SIGNAL_STALE) until verified, at the latest 2026-12-07T10:00:00Z',
      ],
      ['alert', 'Account frozen until the bank unfreezes it'],
      ['info', 'Decided in 12 ms by policy default v3'],
    ]);
  });
});

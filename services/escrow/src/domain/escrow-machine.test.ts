import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Escrow, EscrowEvent, EscrowVerification } from '@sentinel/contracts';
import type { SimSwapSignal } from '@sentinel/engine';
import {
  announce,
  causeOfOutcome,
  expire,
  isClean,
  releaseOnCleanSignal,
  settle,
  verify,
  type OutcomeStatus,
} from './escrow-machine.ts';

const T0 = new Date('2026-12-06T08:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const MIN = 60_000;
const HOUR = 60 * MIN;

function aHold(overrides: Partial<Escrow> = {}): Escrow {
  return {
    escrowId: '0193c5f0-0000-7000-8000-000000000001',
    decisionId: '0193c5f0-0000-7000-8000-000000000000',
    transactionId: 'tx-bob-1',
    userId: 'bob',
    phoneNumber: '+27821230003',
    amount: { minor: 150_000, currency: 'ZAR' },
    channel: 'PAYSHAP',
    reason: 'TELCO_SIGNAL_UNAVAILABLE',
    status: 'HELD',
    heldAt: T0,
    releaseBy: at(24 * HOUR),
    rules: {
      release: 'VERIFICATION',
      onStepUpFailed: 'REVERSE',
      signalMaxAgeSeconds: 300,
      cleanSwapAgeHours: 168,
    },
    verifications: [],
    settlement: null,
    eventCount: 0,
    ...overrides,
  };
}

const passed = (recordedAt: Date, method: EscrowVerification['method'] = 'CALL_CENTRE') =>
  ({
    method,
    result: 'PASSED',
    operator: 'cc-agent-117',
    reference: 'CALL-42',
    recordedAt,
  }) as const;

const signal = (checkedAt: Date, lastSwapAt: Date | null): SimSwapSignal => ({
  phoneNumber: '+27821230003',
  lastSwapAt,
  checkedAt,
  source: 'camara',
});

describe('the escrow state machine', () => {
  it('announces a hold once: escrow.held with sequence 1 and the stable id <escrowId>.1', () => {
    const first = announce('bank-a', aHold(), at(MIN));
    expect(first?.events).toEqual([
      expect.objectContaining({
        eventId: '0193c5f0-0000-7000-8000-000000000001.1',
        type: 'escrow.held',
        status: 'HELD',
        cause: null,
        sequence: 1,
        tenantId: 'bank-a',
        occurredAt: at(MIN),
      }),
    ]);
    expect(announce('bank-a', first?.escrow ?? aHold(), at(2 * MIN))).toBeNull();
  });

  it('settles a hold that was never announced with escrow.held first, then the end', () => {
    const done = settle('bank-a', aHold(), { cause: 'STEP_UP_PASSED', at: at(MIN), by: null });
    expect(done?.events.map((e) => [e.type, e.sequence])).toEqual([
      ['escrow.held', 1],
      ['escrow.released', 2],
    ]);
    expect(done?.escrow).toMatchObject({
      status: 'RELEASED',
      eventCount: 2,
      settlement: { status: 'RELEASED', cause: 'STEP_UP_PASSED', at: at(MIN), by: null },
    });
  });

  it.each([
    ['STEP_UP_PASSED', 'RELEASED', 'escrow.released'],
    ['VERIFIED', 'RELEASED', 'escrow.released'],
    ['CONFIRMED_FRAUD', 'REVERSED', 'escrow.reversed'],
    ['ADMIN_REVERSE', 'REVERSED', 'escrow.reversed'],
    ['HOLD_EXPIRED', 'EXPIRED', 'escrow.expired'],
  ] as const)('ends exactly once: %s → %s (%s)', (cause, status, type) => {
    const held = announce('bank-a', aHold(), T0)?.escrow ?? aHold();
    const done = settle('bank-a', held, { cause, at: at(MIN), by: 'ops' });
    expect(done?.escrow.status).toBe(status);
    expect(done?.events).toEqual([expect.objectContaining({ type, sequence: 2, cause })]);
    for (const again of ['ADMIN_RELEASE', 'ADMIN_REVERSE', 'HOLD_EXPIRED'] as const) {
      expect(
        settle('bank-a', done?.escrow ?? held, { cause: again, at: at(2 * MIN), by: null }),
      ).toBeNull();
    }
  });

  it('releases on a passed verification when the rules let a verification release alone', () => {
    const done = verify('bank-a', aHold(), passed(at(MIN)), null);
    expect(done?.escrow).toMatchObject({
      status: 'RELEASED',
      verifications: [passed(at(MIN))],
      settlement: { cause: 'VERIFIED', by: 'cc-agent-117' },
    });
  });

  it('reverses on a failed verification', () => {
    const failed = { ...passed(at(MIN)), result: 'FAILED' } as const;
    expect(verify('bank-a', aHold(), failed, null)?.escrow).toMatchObject({
      status: 'REVERSED',
      settlement: { cause: 'VERIFICATION_FAILED' },
    });
  });

  describe('under VERIFICATION_AND_CLEAN_SIGNAL', () => {
    const strict = aHold({
      rules: { ...aHold().rules, release: 'VERIFICATION_AND_CLEAN_SIGNAL' },
    });

    it('keeps a verified hold until the sweep sees a fresh, clean signal', () => {
      const recorded = verify('bank-a', strict, passed(at(MIN)), null);
      expect(recorded).toMatchObject({ escrow: { status: 'HELD' }, events: [] });
      const held = recorded?.escrow ?? strict;
      // Stale (checked 10 minutes ago, the policy allows 5): still held.
      expect(releaseOnCleanSignal('bank-a', held, signal(at(MIN), null), at(11 * MIN))).toBeNull();
      const released = releaseOnCleanSignal(
        'bank-a',
        held,
        signal(at(10 * MIN), null),
        at(11 * MIN),
      );
      expect(released?.escrow.settlement?.cause).toBe('VERIFIED_AND_SIGNAL_CLEAN');
    });

    it('releases at once when the signal is already fresh and clean', () => {
      const done = verify('bank-a', strict, passed(at(MIN)), signal(at(MIN), null));
      expect(done?.escrow.settlement?.cause).toBe('VERIFIED_AND_SIGNAL_CLEAN');
    });

    it('never releases an unverified hold, however clean the signal', () => {
      expect(releaseOnCleanSignal('bank-a', strict, signal(at(MIN), null), at(MIN))).toBeNull();
    });
  });

  it('calls a signal clean only when fresh, with no swap in the window and none since the hold', () => {
    const hold = aHold();
    const now = at(HOUR);
    expect(isClean(null, hold, now)).toBe(false);
    expect(isClean(signal(at(HOUR - 4 * MIN), null), hold, now)).toBe(true);
    expect(isClean(signal(at(HOUR - 6 * MIN), null), hold, now)).toBe(false);
    expect(isClean(signal(now, at(-200 * HOUR)), hold, now)).toBe(true);
    expect(isClean(signal(now, at(-100 * HOUR)), hold, now)).toBe(false);
    // A swap after the payment was held is the attack itself.
    expect(
      isClean(
        signal(now, at(30 * MIN)),
        { ...hold, rules: { ...hold.rules, cleanSwapAgeHours: 0 } },
        now,
      ),
    ).toBe(false);
  });

  it('expires only at or after releaseBy', () => {
    const hold = aHold();
    expect(expire('bank-a', hold, at(24 * HOUR - 1))).toBeNull();
    expect(expire('bank-a', hold, at(24 * HOUR))?.escrow).toMatchObject({
      status: 'EXPIRED',
      settlement: { cause: 'HOLD_EXPIRED', by: null },
    });
  });

  it.each([
    ['PASSED', 'REVERSE', 'STEP_UP_PASSED'],
    ['CONFIRMED_LEGITIMATE', 'REVERSE', 'CONFIRMED_LEGITIMATE'],
    ['CONFIRMED_FRAUD', 'REVERSE', 'CONFIRMED_FRAUD'],
    ['CHARGEBACK', 'REVERSE', 'CONFIRMED_FRAUD'],
    ['FAILED', 'REVERSE', 'STEP_UP_FAILED'],
    ['FAILED', 'KEEP', null],
    ['EXPIRED', 'REVERSE', null],
  ] as const)('maps outcome %s (onStepUpFailed %s) to %s', (status, onFailed, cause) => {
    const hold = aHold({ rules: { ...aHold().rules, onStepUpFailed: onFailed } });
    expect(causeOfOutcome(hold, status)).toBe(cause);
  });

  it('whatever happens in whatever order: one terminal state, events 1…n with held first', () => {
    const ops = fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant('announce' as const) }),
        fc.record({
          kind: fc.constant('outcome' as const),
          status: fc.constantFrom<OutcomeStatus>(
            'PASSED',
            'FAILED',
            'EXPIRED',
            'CONFIRMED_FRAUD',
            'CONFIRMED_LEGITIMATE',
            'CHARGEBACK',
          ),
        }),
        fc.record({ kind: fc.constant('verify' as const), ok: fc.boolean() }),
        fc.record({ kind: fc.constant('admin' as const), release: fc.boolean() }),
        fc.record({ kind: fc.constant('sweep' as const), hours: fc.integer({ min: 0, max: 48 }) }),
      ),
      { maxLength: 12 },
    );
    const rules = fc.record({
      release: fc.constantFrom('VERIFICATION' as const, 'VERIFICATION_AND_CLEAN_SIGNAL' as const),
      onStepUpFailed: fc.constantFrom('REVERSE' as const, 'KEEP' as const),
    });
    fc.assert(
      fc.property(ops, rules, (steps, r) => {
        let escrow = aHold({ rules: { ...aHold().rules, ...r } });
        const events: EscrowEvent[] = [];
        steps.forEach((step, i) => {
          const now = at((i + 1) * MIN);
          const next =
            step.kind === 'announce'
              ? announce('t', escrow, now)
              : step.kind === 'outcome'
                ? (() => {
                    const cause = causeOfOutcome(escrow, step.status);
                    return cause === null
                      ? null
                      : settle('t', escrow, { cause, at: now, by: null });
                  })()
                : step.kind === 'verify'
                  ? verify(
                      't',
                      escrow,
                      { ...passed(now), result: step.ok ? 'PASSED' : 'FAILED' },
                      signal(now, null),
                    )
                  : step.kind === 'admin'
                    ? settle('t', escrow, {
                        cause: step.release ? 'ADMIN_RELEASE' : 'ADMIN_REVERSE',
                        at: now,
                        by: 'admin',
                      })
                    : expire('t', escrow, at(step.hours * HOUR));
          if (next !== null) {
            escrow = next.escrow;
            events.push(...next.events);
          }
        });
        expect(events.map((e) => e.sequence)).toEqual(events.map((_, i) => i + 1));
        expect(escrow.eventCount).toBe(events.length);
        if (events.length > 0) {
          expect(events[0]?.type).toBe('escrow.held');
        }
        const terminal = events.filter((e) => e.type !== 'escrow.held');
        expect(terminal.length).toBe(escrow.status === 'HELD' ? 0 : 1);
        expect(events.filter((e) => e.type === 'escrow.held')).toHaveLength(
          events.length > 0 ? 1 : 0,
        );
      }),
      { numRuns: 500 },
    );
  });
});

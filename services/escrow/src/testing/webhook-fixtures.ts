import { escrowEventId, type EscrowEvent, type EscrowEventType } from '@sentinel/contracts';

/**
 * A plainly fake webhook secret: `fill` repeated `bytes` times, whsec_-encoded (24–64 bytes is
 * valid; other lengths are for tests of refusal).
 */
export function fakeWebhookSecret(fill: number, bytes = 32): string {
  return `whsec_${Buffer.alloc(bytes, fill).toString('base64')}`;
}

const TERMINAL: Record<
  Exclude<EscrowEventType, 'escrow.held'>,
  Pick<EscrowEvent, 'status' | 'cause'>
> = {
  'escrow.released': { status: 'RELEASED', cause: 'VERIFIED' },
  'escrow.reversed': { status: 'REVERSED', cause: 'CONFIRMED_FRAUD' },
  'escrow.expired': { status: 'EXPIRED', cause: 'HOLD_EXPIRED' },
};

/**
 * An escrow event of `type` for a fixed hold (R1 500.00, held 08:00, releaseBy +24 h; released or
 * reversed at 08:07:30.250, expired at releaseBy).
 */
export function sampleEscrowEvent(
  type: EscrowEventType = 'escrow.held',
  overrides: Partial<EscrowEvent> = {},
): EscrowEvent {
  const escrowId = overrides.escrowId ?? 'esc_0001';
  const held = type === 'escrow.held';
  const sequence = held ? 1 : 2;
  const heldAt = new Date('2026-12-06T08:00:00.000Z');
  const releaseBy = new Date(heldAt.getTime() + 24 * 3_600_000);
  const endedAt = type === 'escrow.expired' ? releaseBy : new Date('2026-12-06T08:07:30.250Z');
  return {
    eventId: escrowEventId(escrowId, sequence),
    type,
    tenantId: 'bank-a',
    escrowId,
    decisionId: 'dec_0001',
    transactionId: 'tx-0001',
    ...(held ? { status: 'HELD', cause: null } : TERMINAL[type]),
    reason: 'TELCO_SIGNAL_UNAVAILABLE',
    amountMinor: 150_000,
    currency: 'ZAR',
    heldAt,
    releaseBy,
    occurredAt: held ? heldAt : endedAt,
    sequence,
    ...overrides,
  };
}

import { describe, expect, it } from 'vitest';
import type { NumberRecord } from './number-record.ts';
import { applyNumberUpdate, DEFAULT_ACTIVATION_AGE_DAYS } from './number-update.ts';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const HOUR = 3_600_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const PHONE = '+27821234567';
const existing: NumberRecord = {
  phoneNumber: PHONE,
  activatedAt: ago(1000 * HOUR),
  lastSwapAt: ago(500 * HOUR),
  serviceApplicable: false,
  updatedAt: ago(HOUR),
};

describe('applyNumberUpdate', () => {
  it('registers a number activated long ago and never swapped by default', () => {
    expect(applyNumberUpdate(PHONE, null, {}, NOW)).toEqual({
      ok: true,
      record: {
        phoneNumber: PHONE,
        activatedAt: ago(DEFAULT_ACTIVATION_AGE_DAYS * 24 * HOUR),
        lastSwapAt: null,
        serviceApplicable: true,
        updatedAt: NOW,
      },
    });
  });

  it('turns swappedHoursAgo into lastSwapAt and keeps the other fields', () => {
    const r = applyNumberUpdate(PHONE, existing, { swappedHoursAgo: 1.5 }, NOW);
    expect(r.record).toEqual({ ...existing, lastSwapAt: ago(1.5 * HOUR), updatedAt: NOW });
  });

  it('moves the default activation back to an older swap of a new number', () => {
    const old = ago(5000 * 24 * HOUR);
    expect(applyNumberUpdate(PHONE, null, { lastSwapAt: old }, NOW).record?.activatedAt).toEqual(
      old,
    );
  });

  it('clears a swap and the SIM with nulls', () => {
    const r = applyNumberUpdate(PHONE, existing, { lastSwapAt: null, activatedAt: null }, NOW);
    expect(r.record).toMatchObject({
      activatedAt: null,
      lastSwapAt: null,
      serviceApplicable: false,
    });
  });

  it.each([
    [{ lastSwapAt: ago(HOUR), swappedHoursAgo: 2 }, 'send lastSwapAt or swappedHoursAgo, not both'],
    [{ lastSwapAt: new Date(NOW.getTime() + 1) }, 'lastSwapAt is in the future'],
    [{ activatedAt: new Date(NOW.getTime() + 1) }, 'activatedAt is in the future'],
    [{ activatedAt: null }, 'a swapped number has a SIM: activatedAt cannot be null'],
    [{ activatedAt: ago(HOUR) }, 'lastSwapAt is before activatedAt'],
  ])('refuses %j', (update, issue) => {
    expect(applyNumberUpdate(PHONE, existing, update, NOW)).toEqual({ ok: false, issue });
  });
});

import { describe, expect, it } from 'vitest';
import type { ProviderResult, SimSwapProvider } from '../sim-swap-provider.ts';
import { createRoutingProvider } from './routing-provider.ts';
import { parseRoutingTable, providerIdsOf } from './routing-table.ts';

function named(id: string): SimSwapProvider {
  return {
    id,
    lookup: (): Promise<ProviderResult> =>
      Promise.resolve({
        ok: true,
        source: id,
        lastSwapAt: null,
        monitoredPeriodHours: 1,
        checkedAt: new Date(0),
      }),
  };
}

describe('createRoutingProvider', () => {
  const router = createRoutingProvider({
    routes: [
      { prefix: '+27', provider: named('camara-za') },
      { prefix: '+2782', provider: named('camara-za-vodacom') },
      { prefix: '+1', provider: named('twilio') },
    ],
    fallback: named('simulator'),
  });

  it.each([
    ['+27821234567', 'camara-za-vodacom'],
    ['+27831234567', 'camara-za'],
    ['+14155552671', 'twilio'],
    ['+447700900123', 'simulator'],
  ])('%s → %s (longest prefix wins)', async (number, id) => {
    expect(router.route(number)?.id).toBe(id);
    expect(await router.lookup(number, { timeoutMs: 10 })).toMatchObject({ ok: true, source: id });
  });

  it('without a fallback an unrouted number is NOT_COVERED', async () => {
    const only = createRoutingProvider({ routes: [{ prefix: '+27', provider: named('za') }] });
    expect(only.route('+14155552671')).toBeNull();
    expect(await only.lookup('+14155552671', { timeoutMs: 10 })).toMatchObject({
      ok: false,
      reason: 'NOT_COVERED',
    });
  });

  it.each(['27', '+', '+27a', '+1234567890123456'])('rejects the prefix %s', (prefix) => {
    expect(() => createRoutingProvider({ routes: [{ prefix, provider: named('x') }] })).toThrow(
      RangeError,
    );
  });

  it('rejects a prefix given twice', () => {
    expect(() =>
      createRoutingProvider({
        routes: [
          { prefix: '+27', provider: named('a') },
          { prefix: '+27', provider: named('b') },
        ],
      }),
    ).toThrow(/twice/);
  });
});

describe('parseRoutingTable', () => {
  it('reads prefixes and the default', () => {
    const parsed = parseRoutingTable(' +27=camara-za , +1=twilio,*=simulator ');
    expect(parsed).toEqual({
      ok: true,
      table: {
        routes: [
          { prefix: '+27', providerId: 'camara-za' },
          { prefix: '+1', providerId: 'twilio' },
        ],
        defaultProviderId: 'simulator',
      },
    });
    expect(parsed.ok && providerIdsOf(parsed.table)).toEqual(['camara-za', 'twilio', 'simulator']);
  });

  it('lists every problem at once', () => {
    const parsed = parseRoutingTable('27=a,+27=B,*=x,*=y,+1=a=b,+44=ok,+44=again');
    expect(parsed.ok).toBe(false);
    expect(parsed.issues).toEqual([
      'route 1 ("27=a"): the prefix must be + and 1–15 digits, or *',
      'route 2 ("+27=B"): expected PREFIX=provider-id with a lowercase provider id',
      'route 4 ("*=y"): the default route (*) is given twice',
      'route 5 ("+1=a=b"): expected PREFIX=provider-id with a lowercase provider id',
      'route 7 ("+44=again"): the prefix +44 is given twice',
    ]);
  });

  it('an empty table is a problem', () => {
    expect(parseRoutingTable(' , ')).toEqual({ ok: false, issues: ['the routing table is empty'] });
  });
});

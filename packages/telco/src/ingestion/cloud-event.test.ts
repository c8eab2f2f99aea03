import { describe, expect, it } from 'vitest';
import { parseCamaraNotification, SUBSCRIPTION_ENDED, SWAPPED } from './cloud-event.ts';

// The examples of sim-swap-subscriptions.yaml (0.3.0), verbatim.
const SWAPPED_EXAMPLE = {
  id: '123655',
  source: 'supertelco.notificationSendServer12',
  type: 'org.camaraproject.sim-swap-subscriptions.v0.swapped',
  specversion: '1.0',
  datacontenttype: 'application/json',
  data: { phoneNumber: '+123456788', subscriptionId: '2ghy-55gg-7iup-yuo9' },
  time: '2023-01-18T13:18:23.682Z',
};
const SUBSCRIPTION_ENDS_EXAMPLE = {
  id: '123658',
  source: 'supertelco.notificationSendServer12',
  type: 'org.camaraproject.sim-swap-subscriptions.v0.subscription-ended',
  specversion: '1.0',
  datacontenttype: 'application/json',
  data: {
    phoneNumber: '+123456789',
    terminationReason: 'SUBSCRIPTION_EXPIRED',
    subscriptionId: '2ghy-55gg-7iup-yuo9',
    terminationDescription: 'subscription expire time reached',
  },
  time: '2023-01-19T13:18:23.682Z',
};

describe('parseCamaraNotification', () => {
  it('reads the SWAPPED example: the swap happened at the event time', () => {
    expect(parseCamaraNotification(SWAPPED_EXAMPLE)).toEqual({
      ok: true,
      notification: {
        kind: 'swapped',
        id: '123655',
        source: 'supertelco.notificationSendServer12',
        subscriptionId: '2ghy-55gg-7iup-yuo9',
        phoneNumber: '+123456788',
        swappedAt: new Date('2023-01-18T13:18:23.682Z'),
      },
    });
  });

  it('reads the SUBSCRIPTION_ENDS example', () => {
    expect(parseCamaraNotification(SUBSCRIPTION_ENDS_EXAMPLE)).toMatchObject({
      ok: true,
      notification: {
        kind: 'subscription-ended',
        subscriptionId: '2ghy-55gg-7iup-yuo9',
        terminationReason: 'SUBSCRIPTION_EXPIRED',
        phoneNumber: '+123456789',
      },
    });
  });

  it('phoneNumber is optional in 0.3.0', () => {
    const parsed = parseCamaraNotification({ ...SWAPPED_EXAMPLE, data: { subscriptionId: 's-1' } });
    expect(parsed.ok && parsed.notification).toEqual({
      kind: 'swapped',
      id: '123655',
      source: 'supertelco.notificationSendServer12',
      subscriptionId: 's-1',
      swappedAt: new Date('2023-01-18T13:18:23.682Z'),
    });
  });

  it('takes latestSimChange when an operator sends it (more exact than the event time)', () => {
    const parsed = parseCamaraNotification({
      ...SWAPPED_EXAMPLE,
      data: { ...SWAPPED_EXAMPLE.data, latestSimChange: '2023-01-18T13:10:00+02:00' },
    });
    expect(
      parsed.ok && parsed.notification.kind === 'swapped' && parsed.notification.swappedAt,
    ).toEqual(new Date('2023-01-18T11:10:00Z'));
  });

  it.each([
    'org.camaraproject.sim-swap-subscriptions.v0.subscription-started',
    'org.camaraproject.api-name.v0.subscription-updated',
  ])('acknowledges %s without acting', (type) => {
    expect(parseCamaraNotification({ ...SWAPPED_EXAMPLE, type, data: {} })).toMatchObject({
      ok: true,
      notification: { kind: 'acknowledged-only', type },
    });
  });

  it.each<[string, unknown, string]>([
    ['not an object', 'hello', '(body): invalid_type'],
    ['specversion 0.3', { ...SWAPPED_EXAMPLE, specversion: '0.3' }, 'specversion: invalid_value'],
    ['no id', { ...SWAPPED_EXAMPLE, id: undefined }, 'id: invalid_type'],
    ['empty source', { ...SWAPPED_EXAMPLE, source: '' }, 'source: too_small'],
    [
      'time without zone',
      { ...SWAPPED_EXAMPLE, time: '2023-01-18T13:18:23' },
      'time: invalid_format',
    ],
    [
      'another API',
      { ...SWAPPED_EXAMPLE, type: 'org.camaraproject.roaming.v0.roaming-on' },
      'type: not a sim-swap-subscriptions event type',
    ],
    [
      'swapped without subscriptionId',
      { ...SWAPPED_EXAMPLE, data: { phoneNumber: '+123456788' } },
      'data.subscriptionId: invalid_type',
    ],
    [
      'swapped with a bad number',
      { ...SWAPPED_EXAMPLE, data: { subscriptionId: 's', phoneNumber: '0821234567' } },
      'data.phoneNumber: invalid_format',
    ],
    [
      'an unknown termination reason',
      { ...SUBSCRIPTION_ENDS_EXAMPLE, data: { subscriptionId: 's', terminationReason: 'BORED' } },
      'data.terminationReason: invalid_value',
    ],
  ])('refuses %s', (_name, body, issue) => {
    expect(parseCamaraNotification(body)).toEqual({ ok: false, issues: [issue] });
  });

  it('exports the two event types it acts on', () => {
    expect([SWAPPED, SUBSCRIPTION_ENDED]).toEqual([
      SWAPPED_EXAMPLE.type,
      SUBSCRIPTION_ENDS_EXAMPLE.type,
    ]);
  });
});

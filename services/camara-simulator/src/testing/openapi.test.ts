import { describe, expect, it } from 'vitest';
import { specValidators } from './openapi.ts';

// The validators must be able to fail, or every "validates against the yaml" test is vacuous.
describe('specValidators', () => {
  const simSwap = specValidators('sim-swap.yaml');
  const subs = specValidators('sim-swap-subscriptions.yaml');

  it.each([
    [{ latestSimChange: '2024-09-18T07:37:53.471829447Z' }, true],
    [{ latestSimChange: null, monitoredPeriod: 120 }, true],
    [{ latestSimChange: 'yesterday' }, false],
    [{ latestSimChange: '2024-09-18T07:37:53' }, false],
    [{ monitoredPeriod: 120 }, false],
  ])('SimSwapInfo %j → %s', (body, valid) => {
    expect(simSwap.schema('SimSwapInfo')(body)).toBe(valid);
  });

  it('checks the status and code enums of a documented error response', () => {
    const r422 = simSwap.response('/check', 'post', '422');
    expect(r422({ status: 422, code: 'MISSING_IDENTIFIER', message: 'm' })).toBe(true);
    expect(r422({ status: 422, code: 'OUT_OF_RANGE', message: 'm' })).toBe(false);
    expect(r422({ status: 400, code: 'MISSING_IDENTIFIER', message: 'm' })).toBe(false);
    expect(r422({ status: 422, code: 'MISSING_IDENTIFIER' })).toBe(false);
    expect(simSwap.response('/check', 'post', '200')({ swapped: 'yes' })).toBe(false);
  });

  it('checks subscriptions and CloudEvents', () => {
    const subscription = subs.schema('Subscription');
    const valid = {
      id: 'x',
      protocol: 'HTTP',
      sink: 'https://sink.example.com/e',
      types: ['org.camaraproject.sim-swap-subscriptions.v0.swapped'],
      config: { subscriptionDetail: {} },
    };
    expect(subscription(valid)).toBe(true);
    expect(subscription({ ...valid, sink: 'http://127.0.0.1/e' })).toBe(false);
    expect(subscription({ ...valid, types: ['org.camaraproject.other.v0.x'] })).toBe(false);
    const ended = subs.schema('EventSubscriptionEnded');
    const event = {
      id: '1',
      source: 'urn:x',
      type: 'org.camaraproject.sim-swap-subscriptions.v0.subscription-ended',
      specversion: '1.0',
      time: '2026-01-01T00:00:00Z',
      data: { subscriptionId: 's', terminationReason: 'SUBSCRIPTION_DELETED' },
    };
    expect(ended(event)).toBe(true);
    expect(ended({ ...event, data: { subscriptionId: 's', terminationReason: 'BORED' } })).toBe(
      false,
    );
    expect(ended({ ...event, specversion: '0.3' })).toBe(false);
  });

  it('refuses a status an operation does not document', () => {
    expect(() => subs.response('/subscriptions', 'get', '404')).toThrow(/documents no 404/);
  });
});

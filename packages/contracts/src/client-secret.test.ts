import { describe, expect, it } from 'vitest';
import { clientSecret, clientSecretTenant, verifyClientSecret } from './client-secret.ts';

const KEY = Buffer.from('unit-test-step-up-secret');
const ID = '01a1fd8c-6900-71e3-9a0a-eb6033c8ee14';

describe('the step-up client secret', () => {
  it('is cs1.<tenant>.<43 base64url characters>, the same every time', () => {
    const secret = clientSecret(KEY, 'bank-a', ID);
    expect(secret).toMatch(/^cs1\.bank-a\.[A-Za-z0-9_-]{43}$/);
    expect(clientSecret(KEY, 'bank-a', ID)).toBe(secret);
  });

  it('verifies only for its own tenant, challenge and key', () => {
    const secret = clientSecret(KEY, 'bank-a', ID);
    expect(verifyClientSecret(KEY, secret, 'bank-a', ID)).toBe(true);
    expect(verifyClientSecret(KEY, secret, 'bank-b', ID)).toBe(false);
    expect(verifyClientSecret(KEY, secret, 'bank-a', `${ID.slice(0, -1)}5`)).toBe(false);
    expect(verifyClientSecret(Buffer.from('another-key-entirely'), secret, 'bank-a', ID)).toBe(
      false,
    );
    expect(verifyClientSecret(KEY, `${secret}x`, 'bank-a', ID)).toBe(false);
  });

  it.each([
    ['cs1.bank-a.mac', 'bank-a'],
    ['cs1.bank.with.dots.mac', 'bank.with.dots'],
    ['cs1..mac', null],
    ['cs2.bank-a.mac', null],
    ['bank-test-key-0001', null],
  ])('reads the tenant claimed by %s', (secret, tenant) => {
    expect(clientSecretTenant(secret)).toBe(tenant);
  });
});

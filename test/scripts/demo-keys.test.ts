import { describe, expect, it } from 'vitest';
import { demoKeys } from '../../scripts/demo-keys.ts';

describe('demoKeys (npm start)', () => {
  it('with no keys set, the demo pair alone', () => {
    const keys = demoKeys({});
    expect(keys.apiKeys).toBe('demo:local-dev-key');
    expect(keys.adminKeys).toBe('demo:local-admin-key');
    expect(keys.accepted.map((l) => l.split(/\s+/))).toEqual([
      ['demo', 'local-dev-key', 'api'],
      ['demo', 'local-admin-key', 'admin'],
    ]);
  });

  it("adds the demo pair to a user's own keys and masks the user's", () => {
    const keys = demoKeys({
      SENTINEL_API_KEYS: 'acme:acme-secret-key-1, bare-secret-key-2',
      SENTINEL_ADMIN_KEYS: 'ops:ops-secret-key-3',
    });
    expect(keys.apiKeys).toBe(
      'acme:acme-secret-key-1,default:bare-secret-key-2,demo:local-dev-key',
    );
    expect(keys.adminKeys).toBe('ops:ops-secret-key-3,demo:local-admin-key');
    const printed = keys.accepted.join('\n');
    expect(printed).not.toContain('secret');
    expect(printed).toContain('acme•');
    expect(printed).toContain('local-dev-key');
  });

  it('does not add a demo key the user already configured (a reused key is refused at start)', () => {
    const keys = demoKeys({ SENTINEL_API_KEYS: 'bank:local-dev-key' });
    expect(keys.apiKeys).toBe('bank:local-dev-key');
    // …and the demo admin key joins that tenant, where the demo customers are seeded
    expect(keys.adminKeys).toBe('bank:local-admin-key');
    expect(keys.tenant).toBe('bank');
  });

  it('follows a bare demo key to tenant `default`', () => {
    const keys = demoKeys({ SENTINEL_API_KEYS: 'local-dev-key,bank-a:key-aaaaaaaa' });
    expect(keys.tenant).toBe('default');
    expect(keys.adminKeys).toBe('default:local-admin-key');
  });
});

import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

const base = { SENTINEL_API_KEYS: 'bank:key-for-bank-1', GOOGLE_CLOUD_PROJECT: 'p1' };

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const r = loadConfig(base);
    expect(r.ok).toBe(true);
    expect(r.config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      store: 'firestore',
      projectId: 'p1',
      decisionsTopic: 'risk-decisions',
      latencyBudgetMs: 50,
      policyRefreshMs: 2000,
      clients: [{ role: 'client', clientId: 'bank', tenant: 'bank', key: 'key-for-bank-1' }],
      demo: false,
      workers: 1,
      memoryMaxDecisions: 5_000,
      insecureDefaults: ['SENTINEL_PSEUDONYM_KEY', 'SENTINEL_STEP_UP_SECRET'],
    });
    expect(loadConfig({ ...base, SENTINEL_DEMO: 'true' }).config?.demo).toBe(true);
  });

  it('runs one event loop unless told: a number of workers, or auto for one per vCPU', () => {
    expect(loadConfig({ ...base, SENTINEL_WORKERS: '4' }).config?.workers).toBe(4);
    expect(loadConfig({ ...base, SENTINEL_WORKERS: 'auto' }).config?.workers).toBe(
      availableParallelism(),
    );
  });

  it('writes Firestore documents as text unless told maps, and refuses another form', () => {
    expect(loadConfig(base).config?.documentForm).toBe('text');
    expect(loadConfig({ ...base, SENTINEL_FIRESTORE_DOCUMENTS: 'maps' }).config?.documentForm).toBe(
      'maps',
    );
    const wrong = loadConfig({ ...base, SENTINEL_FIRESTORE_DOCUMENTS: 'json' });
    expect(wrong.ok).toBe(false);
    expect(wrong.issues).toEqual(['SENTINEL_FIRESTORE_DOCUMENTS: must be text or maps']);
  });

  it('keeps 5,000 decisions in memory mode unless told', () => {
    expect(
      loadConfig({ ...base, SENTINEL_MEMORY_MAX_DECISIONS: '500' }).config?.memoryMaxDecisions,
    ).toBe(500);
  });

  it('parses tenants, bare keys (tenant default), per-tenant admin keys and platform keys', () => {
    const r = loadConfig({
      ...base,
      SENTINEL_API_KEYS: 'a:key-aaaa-1, key-bare-22',
      SENTINEL_ADMIN_KEYS: 'a:key-admin-3',
      SENTINEL_PLATFORM_KEYS: 'ops:key-platform-4,key-platform-5',
    });
    expect(r.config?.clients).toEqual([
      { role: 'admin', clientId: 'a', tenant: 'a', key: 'key-admin-3' },
      { role: 'client', clientId: 'a', tenant: 'a', key: 'key-aaaa-1' },
      { role: 'client', clientId: 'default', tenant: 'default', key: 'key-bare-22' },
      { role: 'platform', clientId: 'ops', key: 'key-platform-4' },
      { role: 'platform', clientId: 'platform', key: 'key-platform-5' },
    ]);
  });

  it('lists every problem at once and never echoes a key', () => {
    const r = loadConfig({
      SENTINEL_API_KEYS: 'bank:short,x y:long-enough-key,..:long-enough-key-2',
      SENTINEL_ADMIN_KEYS: 'ops:long-enough-key',
      K_SERVICE: 'risk-api',
    });
    expect(r.ok).toBe(false);
    expect(r.issues).toEqual([
      'SENTINEL_API_KEYS: entry 1 has a key shorter than 8 characters',
      'SENTINEL_API_KEYS: entry 2 has an invalid client id',
      // A tenant id is a Firestore document id (tenants/{tenant}): '..' would escape it.
      'SENTINEL_API_KEYS: entry 3 has an invalid client id',
      'SENTINEL_PSEUDONYM_KEY: required on Cloud Run (mount it from Secret Manager)',
      'SENTINEL_STEP_UP_SECRET: required on Cloud Run (mount it from Secret Manager)',
      'GOOGLE_CLOUD_PROJECT: required when SENTINEL_STORE=firestore',
    ]);
    expect(JSON.stringify(r.issues)).not.toContain('long-enough-key');
  });

  it.each([
    [{ PORT: '0' }, 'PORT'],
    [{ SENTINEL_LATENCY_BUDGET_MS: 'fast' }, 'SENTINEL_LATENCY_BUDGET_MS'],
    [{ SENTINEL_STORE: 'postgres' }, 'SENTINEL_STORE'],
    [{ SENTINEL_AUTH_BASE_URL: 'not a url' }, 'SENTINEL_AUTH_BASE_URL'],
    [{ SENTINEL_API_KEYS: '' }, 'SENTINEL_API_KEYS'],
    [{ SENTINEL_DEMO: 'yes' }, 'SENTINEL_DEMO'],
    [{ SENTINEL_WORKERS: '0' }, 'SENTINEL_WORKERS'],
    [{ SENTINEL_WORKERS: 'many' }, 'SENTINEL_WORKERS'],
    [{ SENTINEL_MEMORY_MAX_DECISIONS: '0' }, 'SENTINEL_MEMORY_MAX_DECISIONS'],
  ])('rejects %o', (env, variable) => {
    const r = loadConfig({ ...base, ...env });
    expect(r.ok).toBe(false);
    expect(r.issues?.[0]).toMatch(new RegExp(`^${variable}: `));
  });

  it('refuses two clients sharing a key', () => {
    const r = loadConfig({ ...base, SENTINEL_ADMIN_KEYS: 'ops:key-for-bank-1' });
    expect(r.issues).toEqual(['API keys: client bank reuses a key that is already configured']);
  });

  it('needs no project in memory mode', () => {
    const r = loadConfig({ SENTINEL_API_KEYS: 'key-bare-22', SENTINEL_STORE: 'memory' });
    expect(r.config?.projectId).toBe('local');
  });

  it('reads the rate limits, separate for assessments and writes, and lists every bad one', () => {
    expect(loadConfig(base).config?.rateLimits).toEqual({
      assess: { ratePerSecond: 50, burst: 100 },
      writes: { ratePerSecond: 10, burst: 50 },
    });
    const set = loadConfig({
      ...base,
      SENTINEL_RATE_ASSESS_PER_SECOND: '12.5',
      SENTINEL_RATE_ASSESS_BURST: '25',
      SENTINEL_RATE_WRITES_PER_SECOND: '0.5',
      SENTINEL_RATE_WRITES_BURST: '3',
    });
    expect(set.config?.rateLimits).toEqual({
      assess: { ratePerSecond: 12.5, burst: 25 },
      writes: { ratePerSecond: 0.5, burst: 3 },
    });
    const bad = loadConfig({
      ...base,
      SENTINEL_RATE_ASSESS_PER_SECOND: '0',
      SENTINEL_RATE_WRITES_BURST: '1.5',
    });
    expect(bad.issues?.map((i) => i.split(':')[0])).toEqual([
      'SENTINEL_RATE_ASSESS_PER_SECOND',
      'SENTINEL_RATE_WRITES_BURST',
    ]);
  });

  it('reads every field before answering, so type errors and rule errors come together', () => {
    const r = loadConfig({ PORT: 'eighty', SENTINEL_API_KEYS: 'bank:short' });
    expect(r.issues).toEqual([
      'PORT: must be an integer from 1 to 65535',
      'SENTINEL_API_KEYS: entry 1 has a key shorter than 8 characters',
      'GOOGLE_CLOUD_PROJECT: required when SENTINEL_STORE=firestore',
    ]);
  });
});

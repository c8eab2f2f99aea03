import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { testConfig } from '../testing/harness.ts';

describe('the analyst view settings', () => {
  it.each([
    [{}, { feed: false, escrowBaseUrl: null, escrowEventsTopic: 'escrow-events' }],
    [{ SENTINEL_DEMO: 'true' }, { feed: true, escrowBaseUrl: null }],
    [
      { SENTINEL_CONSOLE: 'true', SENTINEL_CONSOLE_FEED: 'false' },
      { enabled: true, feed: false },
    ],
    [
      { SENTINEL_ESCROW_BASE_URL: 'http://127.0.0.1:8082', SENTINEL_ESCROW_EVENTS_TOPIC: 'e' },
      { escrowBaseUrl: 'http://127.0.0.1:8082', escrowEventsTopic: 'e' },
    ],
  ])('%j gives %j', (env, expected) => {
    expect(testConfig(env).console).toMatchObject(expected);
  });

  it('names a bad escrow URL at start-up', () => {
    const loaded = loadConfig({
      SENTINEL_STORE: 'memory',
      SENTINEL_API_KEYS: 'bank:bank-test-key-0001',
      SENTINEL_ESCROW_BASE_URL: 'not a url',
    });
    expect(loaded.ok).toBe(false);
    expect(loaded.ok ? [] : loaded.issues.join('\n')).toContain('SENTINEL_ESCROW_BASE_URL');
  });
});

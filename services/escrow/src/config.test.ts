import { describe, expect, it } from 'vitest';
import { loadEscrowConfig } from './config.ts';

const BASE = {
  SENTINEL_STORE: 'firestore',
  GOOGLE_CLOUD_PROJECT: 'p',
  SENTINEL_API_KEYS: 'bank:bank-client-key-1',
};

describe('the escrow configuration', () => {
  it('reads keys of both roles, topics and defaults', () => {
    const loaded = loadEscrowConfig({ ...BASE, SENTINEL_ADMIN_KEYS: 'bank:bank-admin-key-1' });
    expect(loaded.ok).toBe(true);
    expect(loaded.config).toMatchObject({
      projectId: 'p',
      keys: [
        { tenant: 'bank', key: 'bank-client-key-1', role: 'client' },
        { tenant: 'bank', key: 'bank-admin-key-1', role: 'admin' },
      ],
      webhooksJson: null,
      webhookTimeoutMs: 10_000,
      eventsTopic: 'escrow-events',
      deadLetterTopic: 'escrow-dead-letters',
      sweepToken: null,
    });
  });

  it('refuses memory mode, a missing key list and a short sweep token, naming each', () => {
    const loaded = loadEscrowConfig({
      SENTINEL_STORE: 'memory',
      ESCROW_SWEEP_TOKEN: 'short',
      ESCROW_WEBHOOK_TIMEOUT_MS: '60000',
    });
    expect(loaded.ok).toBe(false);
    const text = loaded.issues?.join('\n') ?? '';
    expect(text).toContain('SENTINEL_STORE: the escrow runs on Firestore only');
    expect(text).toContain('SENTINEL_API_KEYS');
    expect(text).toContain('ESCROW_SWEEP_TOKEN');
    expect(text).toContain('ESCROW_WEBHOOK_TIMEOUT_MS');
    expect(text).not.toContain('short');
  });
});

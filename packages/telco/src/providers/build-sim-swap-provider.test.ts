import { afterEach, describe, expect, it } from 'vitest';
import { buildSimSwapProvider } from './build-sim-swap-provider.ts';
import { loadProviderConfig } from './provider-config.ts';
import { FakeClock } from '@sentinel/kernel/testing';
import { recordingLogger } from './testing/recording-logger.ts';
import { startLoopbackServer, type LoopbackServer, type Reply } from './testing/loopback-server.ts';

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function operator(reply: () => Reply): Promise<string> {
  const server = await startLoopbackServer(reply);
  servers.push(server);
  return server.url;
}

describe('buildSimSwapProvider', () => {
  it('routes by prefix and keeps one circuit breaker per provider', async () => {
    let zaUp = false;
    const za = await operator(() =>
      zaUp
        ? { status: 200, body: { latestSimChange: null, monitoredPeriod: 30 } }
        : { status: 503, body: { status: 503, code: 'UNAVAILABLE', message: '' } },
    );
    const sim = await operator(() => ({
      status: 200,
      body: { latestSimChange: '2026-01-01T00:00:00Z' },
    }));
    const loaded = loadProviderConfig({
      TELCO_ROUTES: '+27=camara-za,*=simulator',
      TELCO_CAMARA_ZA_BASE_URL: za,
      TELCO_CAMARA_ZA_STATIC_TOKEN: 'za',
      TELCO_SIMULATOR_BASE_URL: sim,
      TELCO_BREAKER_FAILURES: '2',
      TELCO_BREAKER_COOLDOWN_MS: '10000',
    });
    if (!loaded.ok) {
      throw new Error(loaded.issues.join('; '));
    }
    const clock = new FakeClock();
    const logger = recordingLogger();
    const provider = buildSimSwapProvider(loaded.config, { clock, logger });
    const za1 = () => provider.lookup('+27821234567', { timeoutMs: 1_000 });
    const us1 = () => provider.lookup('+14155550100', { timeoutMs: 1_000 });

    expect(await za1()).toMatchObject({ ok: false, reason: 'UNAVAILABLE' });
    expect(await za1()).toMatchObject({ ok: false, reason: 'UNAVAILABLE' });
    expect(await za1()).toMatchObject({ ok: false, reason: 'CIRCUIT_OPEN' });
    expect(await us1()).toMatchObject({ ok: true, source: 'simulator' });
    expect(logger.lines).toContainEqual({
      level: 'warn',
      message: 'SIM swap provider circuit changed state',
      fields: { provider: 'camara-za', from: 'CLOSED', to: 'OPEN' },
    });

    zaUp = true;
    clock.advance(10_000);
    expect(await za1()).toMatchObject({
      ok: true,
      source: 'camara-za',
      lastSwapAt: null,
      monitoredPeriodHours: 720,
    });
    expect(provider.route('+27821234567')?.id).toBe('camara-za');
  });
});

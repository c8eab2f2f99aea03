import { camaraSimSwapProvider } from './camara/camara-sim-swap-provider.ts';
import { staticTokenSource, type AccessTokenSource } from './camara/access-token-source.ts';
import { clientCredentialsTokenSource } from './camara/client-credentials-token-source.ts';
import type { Clock } from '@sentinel/kernel';
import { silentLogger, type Logger } from '@sentinel/kernel';
import type { CamaraAuth, ProviderConfig, ProviderSpec } from './provider-config.ts';
import { createCircuitBreaker } from './resilience/circuit-breaker.ts';
import { withCircuitBreaker } from './resilience/with-circuit-breaker.ts';
import { withHardTimeout } from './resilience/with-hard-timeout.ts';
import { createRoutingProvider, type RoutingProvider } from './routing/routing-provider.ts';
import type { SimSwapProvider } from './sim-swap-provider.ts';
import { twilioSimSwapProvider } from './twilio/twilio-sim-swap-provider.ts';

/** The token source a CAMARA provider's settings describe. */
export function tokenSourceFor(auth: CamaraAuth, clock: Clock, label: string): AccessTokenSource {
  return auth.kind === 'static'
    ? staticTokenSource(auth.token)
    : clientCredentialsTokenSource({ ...auth, clock, label: `${label} token endpoint` });
}

function leaf(spec: ProviderSpec, clock: Clock): SimSwapProvider {
  switch (spec.kind) {
    case 'camara':
      return camaraSimSwapProvider({
        id: spec.id,
        baseUrl: spec.baseUrl,
        tokens: tokenSourceFor(spec.auth, clock, spec.id),
        clock,
      });
    case 'twilio':
      return twilioSimSwapProvider({ ...spec, clock });
  }
}

/**
 * The provider the configuration describes: each provider behind its own hard timeout and circuit
 * breaker (one operator's outage does not open another's circuit), under the routing table. No
 * retries here: the hot path gets one attempt; ingestion adds `withRetries` on top.
 */
export function buildSimSwapProvider(
  config: ProviderConfig,
  deps: { readonly clock: Clock; readonly logger?: Logger },
): RoutingProvider {
  const logger = deps.logger ?? silentLogger;
  const byId = new Map(
    config.providers.map((spec) => {
      const breaker = createCircuitBreaker({
        failureThreshold: config.breaker.failureThreshold,
        coolDownMs: config.breaker.coolDownMs,
        clock: deps.clock,
        onStateChange: (from, to) => {
          logger.warn('SIM swap provider circuit changed state', { provider: spec.id, from, to });
        },
      });
      const guarded = withCircuitBreaker(
        withHardTimeout(leaf(spec, deps.clock), {
          clock: deps.clock,
          maxTimeoutMs: config.maxCallTimeoutMs,
        }),
        breaker,
        { minJudgedTimeoutMs: config.breaker.minJudgedTimeoutMs },
      );
      return [spec.id, guarded] as const;
    }),
  );
  const get = (id: string): SimSwapProvider => {
    const provider = byId.get(id);
    if (provider === undefined) {
      throw new Error(`routing table names provider ${id}, which is not configured`);
    }
    return provider;
  };
  const fallback = config.routes.defaultProviderId;
  return createRoutingProvider({
    routes: config.routes.routes.map((r) => ({ prefix: r.prefix, provider: get(r.providerId) })),
    ...(fallback === undefined ? {} : { fallback: get(fallback) }),
  });
}

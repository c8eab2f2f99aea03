import type { ProviderFailure } from '../sim-swap-provider.ts';

export type AccessTokenResult =
  { readonly ok: true; readonly token: string; readonly reason?: never } | ProviderFailure;

/** Where CAMARA calls get their bearer token. */
export interface AccessTokenSource {
  /** A token carrying `scope`, from the cache while it is fresh. `signal` abandons the wait. */
  token(scope: string, signal?: AbortSignal): Promise<AccessTokenResult>;
  /** The resource server refused `token` (401): forget it, unless a newer one replaced it already. */
  invalidate(scope: string, token: string): void;
}

/** A fixed token, e.g. the simulator's local 2-legged `local-camara-token`. */
export function staticTokenSource(token: string): AccessTokenSource {
  return {
    token: () => Promise.resolve({ ok: true, token }),
    invalidate: () => undefined,
  };
}

import { providerFailure, type SimSwapProvider } from '../sim-swap-provider.ts';

export interface PrefixRoute {
  /** `+` and 1–15 digits of the E.164 number, e.g. `+27` or `+2782`. */
  readonly prefix: string;
  readonly provider: SimSwapProvider;
}

export interface RoutingProvider extends SimSwapProvider {
  /** The provider a number goes to: longest matching prefix, else the fallback, else null. */
  route(phoneNumber: string): SimSwapProvider | null;
}

const PREFIX = /^\+[0-9]{1,15}$/;

/**
 * Chooses the provider by number prefix, longest prefix first (`+2782` before `+27`), with an
 * optional fallback for everything else. A number no route covers answers `NOT_COVERED`.
 * Successes carry the chosen provider's id as `source`.
 */
export function createRoutingProvider(opts: {
  readonly routes: readonly PrefixRoute[];
  readonly fallback?: SimSwapProvider;
  readonly id?: string;
}): RoutingProvider {
  const seen = new Set<string>();
  for (const { prefix } of opts.routes) {
    if (!PREFIX.test(prefix)) {
      throw new RangeError(`route prefix "${prefix}" must be + and 1–15 digits`);
    }
    if (seen.has(prefix)) {
      throw new RangeError(`route prefix "${prefix}" appears twice`);
    }
    seen.add(prefix);
  }
  const routes = [...opts.routes].sort((a, b) => b.prefix.length - a.prefix.length);
  const route = (phoneNumber: string): SimSwapProvider | null =>
    routes.find((r) => phoneNumber.startsWith(r.prefix))?.provider ?? opts.fallback ?? null;
  return {
    id: opts.id ?? 'router',
    route,
    lookup(phoneNumber, lookupOpts) {
      const provider = route(phoneNumber);
      if (provider === null) {
        return Promise.resolve(
          providerFailure('NOT_COVERED', 'no provider routes this prefix', false),
        );
      }
      return provider.lookup(phoneNumber, lookupOpts);
    },
  };
}

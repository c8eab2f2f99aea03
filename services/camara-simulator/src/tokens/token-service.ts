import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '@sentinel/kernel';
import { SCOPES, type AccessToken, type Scope } from '../domain/access-token.ts';
import type { SimulatorStore } from '../store/simulator-store.ts';

/** SHA-256 hex of a bearer value: how tokens are stored and rate-limited, never by value. */
export const tokenDigest = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

/** A token as `POST /demo/tokens` hands it out (OAuth 2.0 token response names). */
export interface IssuedToken {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
  readonly scope: string;
}

export interface TokenService {
  /** The token behind a bearer value, or null when unknown or expired. */
  resolve(bearer: string): Promise<AccessToken | null>;
  /** A 3-legged token bound to `phoneNumber`, or a 2-legged one without it. */
  issue(opts: {
    readonly phoneNumber?: string;
    readonly scopes?: readonly Scope[];
    readonly ttlSeconds?: number;
  }): Promise<IssuedToken>;
}

/**
 * Tokens of the simulated operator: the configured fixed 2-legged tokens (all scopes, no expiry;
 * `local-camara-token` in local mode) and tokens it issued, kept in the store so they survive a
 * restart like the rest of its state.
 */
export function createTokenService(deps: {
  readonly store: SimulatorStore;
  readonly clock: Clock;
  readonly fixedTwoLegged: readonly string[];
  readonly defaultTtlSeconds: number;
}): TokenService {
  const fixed = new Set(deps.fixedTwoLegged.map(tokenDigest));
  return {
    async resolve(bearer) {
      const digest = tokenDigest(bearer);
      if (fixed.has(digest)) {
        return { kind: 'TWO_LEGGED', scopes: SCOPES };
      }
      const record = await deps.store.getToken(digest);
      if (record === null || record.expiresAt.getTime() <= deps.clock.now().getTime()) {
        return null;
      }
      if (record.kind === 'THREE_LEGGED' && record.phoneNumber !== undefined) {
        return { kind: 'THREE_LEGGED', phoneNumber: record.phoneNumber, scopes: record.scopes };
      }
      return { kind: 'TWO_LEGGED', scopes: record.scopes };
    },

    async issue(opts) {
      const ttl = opts.ttlSeconds ?? deps.defaultTtlSeconds;
      const scopes = opts.scopes ?? SCOPES;
      const value = `sim_${randomBytes(32).toString('base64url')}`;
      const expiresAt = new Date(deps.clock.now().getTime() + ttl * 1000);
      await deps.store.putToken(
        tokenDigest(value),
        opts.phoneNumber === undefined
          ? { kind: 'TWO_LEGGED', scopes, expiresAt }
          : { kind: 'THREE_LEGGED', phoneNumber: opts.phoneNumber, scopes, expiresAt },
      );
      return {
        access_token: value,
        token_type: 'Bearer',
        expires_in: ttl,
        scope: scopes.join(' '),
      };
    },
  };
}

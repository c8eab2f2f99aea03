import { z } from 'zod';
import { withDeadline, type Clock } from '@sentinel/kernel';
import { describeError } from '../describe-error.ts';
import { raceAbort } from '../race-abort.ts';
import { providerFailure } from '../sim-swap-provider.ts';
import type { AccessTokenResult, AccessTokenSource } from './access-token-source.ts';

export interface ClientCredentialsOptions {
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** RFC 6749 §2.3.1: HTTP Basic (`client_secret_basic`, the default) or form fields. */
  readonly clientAuth?: 'basic' | 'post';
  readonly clock: Pick<Clock, 'monotonicMs' | 'setTimer'>;
  /** Refresh this long before expiry (capped at a tenth of the token's lifetime). */
  readonly refreshSkewMs?: number;
  /** Deadline of one token request; it is shared by every caller waiting for it. */
  readonly requestTimeoutMs?: number;
  /** For failure details. */
  readonly label?: string;
}

const TokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().positive().optional(),
});

// RFC 6749 §5.1 only recommends expires_in; without it, assume a short life rather than reuse a
// token the server may already consider expired.
const DEFAULT_LIFETIME_S = 60;
const DEFAULT_SKEW_MS = 30_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 5_000;

interface Cached {
  readonly token: string;
  readonly refreshAtMs: number;
}

/**
 * OAuth 2.0 client credentials grant (RFC 6749 §4.4) with a per-scope cache. A token is reused
 * until shortly before it expires; when it must be fetched, concurrent callers share one request
 * (single flight), and a caller giving up does not cancel it for the others.
 */
export function clientCredentialsTokenSource(opts: ClientCredentialsOptions): AccessTokenSource {
  const cache = new Map<string, Cached>();
  const inFlight = new Map<string, Promise<AccessTokenResult>>();
  const label = opts.label ?? 'token endpoint';

  const request = async (scope: string): Promise<AccessTokenResult> => {
    const form = new URLSearchParams({ grant_type: 'client_credentials', scope });
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    if (opts.clientAuth === 'post') {
      form.set('client_id', opts.clientId);
      form.set('client_secret', opts.clientSecret);
    } else {
      const encode = (s: string) => encodeURIComponent(s);
      headers['authorization'] =
        'Basic ' +
        Buffer.from(`${encode(opts.clientId)}:${encode(opts.clientSecret)}`).toString('base64');
    }
    const started = opts.clock.monotonicMs();
    let response: Response;
    try {
      response = await withDeadline(
        (signal) => fetch(opts.tokenUrl, { method: 'POST', headers, body: form, signal }),
        {
          clock: opts.clock,
          ms: opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
          what: `${label} token request`,
        },
      );
    } catch (error) {
      return providerFailure('UNAVAILABLE', `${label}: ${describeError(error)}`);
    }
    const text = await response.text().catch(() => '');
    if (response.status === 429 || response.status >= 500) {
      return providerFailure('UNAVAILABLE', `${label}: HTTP ${response.status}`);
    }
    if (!response.ok) {
      // invalid_client, invalid_scope, unauthorized_client: configuration, not weather.
      return providerFailure(
        'ERROR',
        `${label}: HTTP ${response.status} ${oauthError(text)}`,
        false,
      );
    }
    const parsed = TokenResponse.safeParse(safeJson(text));
    if (!parsed.success || (parsed.data.token_type ?? 'bearer').toLowerCase() !== 'bearer') {
      return providerFailure('ERROR', `${label}: not a bearer token response`, false);
    }
    const lifetimeMs = (parsed.data.expires_in ?? DEFAULT_LIFETIME_S) * 1000;
    const skewMs = Math.min(opts.refreshSkewMs ?? DEFAULT_SKEW_MS, lifetimeMs / 10);
    cache.set(scope, {
      token: parsed.data.access_token,
      refreshAtMs: started + lifetimeMs - skewMs,
    });
    return { ok: true, token: parsed.data.access_token };
  };

  const fresh = (scope: string): Promise<AccessTokenResult> => {
    const cached = cache.get(scope);
    if (cached !== undefined && opts.clock.monotonicMs() < cached.refreshAtMs) {
      return Promise.resolve({ ok: true, token: cached.token });
    }
    let pending = inFlight.get(scope);
    if (pending === undefined) {
      pending = request(scope).finally(() => inFlight.delete(scope));
      inFlight.set(scope, pending);
    }
    return pending;
  };

  return {
    token(scope, signal) {
      const result = fresh(scope);
      if (signal === undefined) {
        return result;
      }
      return raceAbort(result, signal, () =>
        providerFailure('TIMEOUT', `${label}: aborted while waiting for a token`),
      );
    },
    invalidate(scope, token) {
      if (cache.get(scope)?.token === token) {
        cache.delete(scope);
      }
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The RFC 6749 `error` code of a token error response, if there is one (never the description). */
function oauthError(text: string): string {
  const parsed = z.object({ error: z.string().regex(/^[\w.-]{1,64}$/) }).safeParse(safeJson(text));
  return parsed.success ? parsed.data.error : '';
}

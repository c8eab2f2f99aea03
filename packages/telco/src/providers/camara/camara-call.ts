import { randomUUID } from 'node:crypto';
import { describeError } from '../describe-error.ts';
import { providerFailure, type ProviderFailure } from '../sim-swap-provider.ts';
import type { AccessTokenSource } from './access-token-source.ts';

export interface CamaraCall {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly url: string;
  readonly scope: string;
  readonly body?: unknown;
  /** Aborts the call (the caller's deadline). */
  readonly signal: AbortSignal;
  /** For failure details: which provider or API. */
  readonly label: string;
}

/** Any HTTP answer (the caller maps statuses), or a failure to get one. */
export type CamaraCallResult =
  | { readonly ok: true; readonly status: number; readonly body: unknown; readonly reason?: never }
  | ProviderFailure;

/**
 * One CAMARA API call: bearer token from `tokens`, JSON body, a fresh `x-correlator` (Commonalities
 * recommends a UUID). A 401 drops the cached token and retries once with a new one; a second 401
 * is returned to the caller. Network failures are `UNAVAILABLE`, an aborted call `TIMEOUT`.
 */
export async function camaraCall(
  tokens: AccessTokenSource,
  call: CamaraCall,
): Promise<CamaraCallResult> {
  for (let attempt = 1; ; attempt++) {
    const token = await tokens.token(call.scope, call.signal);
    if (!token.ok) {
      return token;
    }
    let response: Response;
    try {
      response = await fetch(call.url, {
        method: call.method,
        headers: {
          authorization: `Bearer ${token.token}`,
          accept: 'application/json',
          'x-correlator': randomUUID(),
          ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
        signal: call.signal,
      });
    } catch (error) {
      return call.signal.aborted
        ? providerFailure('TIMEOUT', `${call.label}: no answer before the deadline`)
        : providerFailure('UNAVAILABLE', `${call.label}: ${describeError(error)}`);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      return call.signal.aborted
        ? providerFailure('TIMEOUT', `${call.label}: body not received before the deadline`)
        : providerFailure('UNAVAILABLE', `${call.label}: ${describeError(error)}`);
    }
    if (response.status === 401 && attempt === 1) {
      tokens.invalidate(call.scope, token.token);
      continue;
    }
    return { ok: true, status: response.status, body: parseJson(text) };
  }
}

function parseJson(text: string): unknown {
  if (text.length === 0) {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

import { z } from 'zod';
import { providerFailure, type ProviderFailure } from '../sim-swap-provider.ts';

/** CAMARA `ErrorInfo`: `{ status, code, message }`; only status and code are normative. */
const ErrorInfo = z.object({ status: z.number().int(), code: z.string().min(1).max(64) });

/** Codes that say "this operator does not serve this number", as opposed to "something broke". */
const NOT_COVERED: Readonly<Record<number, readonly string[]>> = {
  404: ['IDENTIFIER_NOT_FOUND'],
  422: ['SERVICE_NOT_APPLICABLE', 'UNSUPPORTED_IDENTIFIER'],
};

/**
 * Maps a CAMARA error response to a provider failure (research/camara.md §1, Commonalities §3.2):
 * unknown number or service not applicable → `NOT_COVERED`; 429 and 5xx → `UNAVAILABLE`
 * (QUOTA_EXCEEDED is not retried: the quota does not come back in seconds); everything else
 * (400, 401 after a fresh token, 403, MISSING/UNNECESSARY_IDENTIFIER) is our mistake → `ERROR`.
 * The detail names status and code, never the message (it may echo the number).
 */
export function camaraFailure(label: string, status: number, body: unknown): ProviderFailure {
  const info = ErrorInfo.safeParse(body);
  const code = info.success ? info.data.code : 'no ErrorInfo';
  const detail = `${label}: HTTP ${status} ${code}`;
  if (info.success && NOT_COVERED[status]?.includes(info.data.code) === true) {
    return providerFailure('NOT_COVERED', detail, false);
  }
  if (status === 429) {
    return providerFailure('UNAVAILABLE', detail, code !== 'QUOTA_EXCEEDED');
  }
  if (status >= 500) {
    return providerFailure('UNAVAILABLE', detail);
  }
  return providerFailure('ERROR', detail, false);
}

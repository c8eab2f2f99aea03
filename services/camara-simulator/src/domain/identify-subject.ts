import type { AccessToken } from './access-token.ts';

export type SubjectResult =
  | { readonly ok: true; readonly phoneNumber: string; readonly error?: never }
  | {
      readonly ok: false;
      readonly error: 'MISSING_IDENTIFIER' | 'UNNECESSARY_IDENTIFIER';
      readonly phoneNumber?: never;
    };

/**
 * The subject of a request ("Identifying the phone number from the access token", sim-swap.yaml):
 * a 2-legged token needs `phoneNumber` in the body (else 422 MISSING_IDENTIFIER); a 3-legged token
 * forbids it (422 UNNECESSARY_IDENTIFIER) even when both name the same number, because a server
 * "is unable to make this comparison" (Commonalities design guide, appendix A).
 */
export function identifySubject(
  token: AccessToken,
  phoneNumber: string | undefined,
): SubjectResult {
  if (token.kind === 'THREE_LEGGED') {
    return phoneNumber === undefined
      ? { ok: true, phoneNumber: token.phoneNumber }
      : { ok: false, error: 'UNNECESSARY_IDENTIFIER' };
  }
  return phoneNumber === undefined
    ? { ok: false, error: 'MISSING_IDENTIFIER' }
    : { ok: true, phoneNumber };
}

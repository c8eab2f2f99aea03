import type { AccessToken } from '../domain/access-token.ts';
import { identifySubject } from '../domain/identify-subject.ts';
import { CamaraError } from './camara-error.ts';

/** The request's subject number, or 422 MISSING_IDENTIFIER / UNNECESSARY_IDENTIFIER. */
export function requireSubject(token: AccessToken, phoneNumber: string | undefined): string {
  const identified = identifySubject(token, phoneNumber);
  if (!identified.ok) {
    throw new CamaraError(identified.error);
  }
  return identified.phoneNumber;
}

import type { StepUpChallenge } from '@sentinel/contracts';
import type { Clock } from '@sentinel/kernel';
import type { CustomerProfiles, ForTenant, TenantId } from '@sentinel/store';
import { AuthError } from '../http/problem.ts';
import { requireMethod } from './require-method.ts';
import type { SmsSafety } from './sms-safety.ts';

/**
 * Where a code for this challenge may go: the customer's phone (SMS) or e-mail address, after the
 * channel's rules — or the problem saying why not. Nothing is sent here.
 */
export function codeDestinations(deps: {
  readonly profiles: ForTenant<Pick<CustomerProfiles, 'getProfile'>>;
  readonly smsSafety: (tenant: TenantId, phoneNumber: string, now: Date) => Promise<SmsSafety>;
  readonly emailOtpTenants: readonly string[];
  readonly clock: Pick<Clock, 'now'>;
}) {
  /** NIST SP 800-63B-4: e-mail is low assurance; only where the tenant opted in, never HIGH risk. */
  const refuseEmail = (tenant: TenantId, c: StepUpChallenge): void => {
    if (!deps.emailOtpTenants.includes(tenant)) {
      throw new AuthError('AUTH.METHOD_NOT_ALLOWED', 'E-mail codes are not enabled for this bank');
    }
    if (c.riskLevel === 'HIGH' || c.riskLevel === 'CRITICAL') {
      throw new AuthError(
        'AUTH.METHOD_NOT_ALLOWED',
        'An e-mail code is not enough for a high-risk payment',
      );
    }
  };

  return async (
    tenant: TenantId,
    c: StepUpChallenge,
    method: 'SMS_OTP' | 'EMAIL_OTP',
  ): Promise<string> => {
    requireMethod(c, method);
    if (method === 'EMAIL_OTP') {
      refuseEmail(tenant, c);
    }
    const profile = await deps.profiles.forTenant(tenant).getProfile(c.userId);
    if (method === 'EMAIL_OTP') {
      const email = profile?.contacts.email;
      if (email === undefined || email === '') {
        throw new AuthError(
          'AUTH.FACTOR_NOT_ENROLLED',
          'The customer has no e-mail address on file',
        );
      }
      return email;
    }
    if (profile === null || profile.phoneNumber === '') {
      throw new AuthError('AUTH.FACTOR_NOT_ENROLLED', 'The customer has no phone number on file');
    }
    // SMS codes never reach a swapped or unknown SIM: the SIM-swapper would receive them.
    const safety = await deps.smsSafety(tenant, profile.phoneNumber, deps.clock.now());
    if (!safety.ok) {
      throw safety.reason === 'SIM_SWAP'
        ? new AuthError(
            'AUTH.SMS_BLOCKED_SIM_SWAP',
            'The SIM of this number was swapped recently: use a passkey or an authenticator app',
          )
        : new AuthError(
            'AUTH.SMS_BLOCKED_SIM_UNKNOWN',
            'The SIM status of this number is unknown or stale: use a passkey or an authenticator app',
          );
    }
    return profile.phoneNumber;
  };
}

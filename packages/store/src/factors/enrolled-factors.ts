import type { UserProfile } from '@sentinel/engine';
import type { EnrolledFactors } from '@sentinel/contracts';
import {
  enrolledFactorMethods,
  lockedFactorMethods,
  type FactorsEnrolment,
} from '../ports/customer-factors.ts';

/** A payer's profile as the engine sees it, and the enrolled factors it counted. */
export interface ProfileWithFactors {
  readonly profile: UserProfile | null;
  readonly enrolledFactors: EnrolledFactors;
}

/**
 * One source of truth for "which factors are enrolled" (issue 11, item 7). The auth service's
 * record of the customer (`record`, null when it has never seen the customer) wins as soon as it
 * exists, so a deleted passkey or a locked factor stops counting at once; a locked factor is not
 * counted. The list the bank declared in its profile is only the fallback for customers the auth
 * service never saw: banks that run their own authenticator keep their step-up methods.
 */
export function withEnrolledFactors(
  profile: UserProfile | null,
  record: FactorsEnrolment | null,
): ProfileWithFactors {
  if (record === null) {
    return {
      profile,
      enrolledFactors: {
        source: 'BANK_DECLARED',
        methods: profile?.enrolledFactors ?? [],
        locked: [],
      },
    };
  }
  const locked = lockedFactorMethods(record);
  const methods = enrolledFactorMethods(record).filter((m) => !locked.includes(m));
  return {
    profile: profile === null ? null : { ...profile, enrolledFactors: methods },
    enrolledFactors: { source: 'AUTH_SERVICE', methods, locked },
  };
}

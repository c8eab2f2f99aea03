import type { StepUpMethod, UserProfile } from './signals.ts';

/**
 * The step-up methods that are both available to this customer and safe now, in the policy's
 * order of preference. Passkeys and authenticator apps need enrolment. SMS needs a phone on file,
 * e-mail an address; both are unsafe while the SIM is in doubt — a SIM-swapper usually controls
 * the mailbox too, through password resets sent by SMS (SPEC §5: "no passkey, no TOTP → no safe
 * method").
 */
export function safeStepUpMethods(
  preference: readonly StepUpMethod[],
  profile: UserProfile | null,
  simInDoubt: boolean,
): StepUpMethod[] {
  if (profile === null) {
    return [];
  }
  return preference.filter((method) => {
    switch (method) {
      case 'WEBAUTHN':
      case 'TOTP':
        return profile.enrolledFactors.includes(method);
      case 'SMS_OTP':
        return !simInDoubt && profile.phoneNumber !== '';
      case 'EMAIL_OTP':
        return !simInDoubt && profile.contacts.email !== undefined && profile.contacts.email !== '';
    }
  });
}

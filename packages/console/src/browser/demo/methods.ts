/** How the payment app names a step-up method to the customer. */
export const METHOD_NAMES: Readonly<Record<string, string>> = {
  WEBAUTHN: 'a passkey',
  TOTP: 'an authenticator-app code',
  SMS_OTP: 'an SMS code',
  EMAIL_OTP: 'an e-mail code',
  OUT_OF_BAND: 'an out-of-band check by the bank (call centre or branch)',
};

export const methodName = (method: string): string => METHOD_NAMES[method] ?? method;

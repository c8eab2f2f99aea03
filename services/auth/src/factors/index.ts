// The customer's factors (passkeys, TOTP) of the auth service: the one entry point auth-core uses.
export {
  createFactorService,
  type FactorService,
  type FactorServiceDeps,
} from './factor-service.ts';
export type { FactorCode, FactorRefusal, FactorResult } from './factor-result.ts';
export type { PasskeyRequest } from './passkey-authentication.ts';
export type { RelyingParty } from './passkey-registration.ts';
export type { PaymentChallenge } from './payment-binding.ts';
export { FACTOR_POLICY } from './factor-policy.ts';

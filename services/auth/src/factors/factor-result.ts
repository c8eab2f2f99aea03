/** The refusals a factor check answers with (a subset of the auth service's stable codes). */
export type FactorCode =
  | 'AUTH.CODE_INVALID'
  | 'AUTH.CODE_REPLAYED'
  | 'AUTH.FACTOR_LOCKED'
  | 'AUTH.FACTOR_NOT_ENROLLED'
  | 'AUTH.PASSKEY_UNKNOWN_CREDENTIAL'
  | 'AUTH.PASSKEY_COUNTER_REGRESSION'
  | 'AUTH.PASSKEY_WRONG_ORIGIN'
  | 'AUTH.PASSKEY_WRONG_PAYMENT'
  | 'AUTH.PASSKEY_INVALID'
  | 'AUTH.PASSKEY_NOT_VERIFIED';

/** An expected outcome of a factor check: data, never thrown. The detail holds no code or secret. */
export type FactorResult = { readonly ok: true } | FactorRefusal;

export interface FactorRefusal {
  readonly ok: false;
  readonly code: FactorCode;
  readonly detail: string;
}

export const PASSED: FactorResult = { ok: true };

export function refuse(code: FactorCode, detail: string): FactorRefusal {
  return { ok: false, code, detail };
}

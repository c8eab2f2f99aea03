import type { Clock } from '@sentinel/kernel';
import type {
  CustomerFactors,
  CustomerFactorsRecord,
  ForTenant,
  TenantId,
  TotpFactor,
} from '@sentinel/store';
import { Secret, TOTP } from 'otpauth';
import { FACTOR_POLICY } from './factor-policy.ts';
import { PASSED, refuse, type FactorResult } from './factor-result.ts';
import { openSecret, sealSecret } from './secret-box.ts';

export interface TotpDeps {
  readonly factors: ForTenant<CustomerFactors>;
  readonly clock: Clock;
  /** AES-256-GCM key of the seeds at rest (32 bytes). */
  readonly totpKey: Buffer;
  /** Shown by authenticator apps. */
  readonly issuer: string;
}

const CODE = /^[0-9]{6}$/;

/**
 * TOTP (RFC 6238, `otpauth`) over one tenant's `CustomerFactors`: enrolment seals a fresh seed,
 * a first code confirms it; a check accepts ±1 step, each time step once (RFC 6238 §5.2), and
 * locks the factor after 100 consecutive failures (NIST SP 800-63B-4 §3.2.2).
 */
export function totpFactor(deps: TotpDeps) {
  const totpFor = (userId: string, seed: Uint8Array): TOTP =>
    new TOTP({
      issuer: deps.issuer,
      label: userId,
      algorithm: 'SHA1',
      digits: FACTOR_POLICY.totpDigits,
      period: FACTOR_POLICY.totpPeriodSeconds,
      secret: new Secret({ buffer: Uint8Array.from(seed).buffer }),
    });

  /** Checks `code` against the record's seed; records the outcome in the same transaction. */
  const check = async (
    tenant: TenantId,
    userId: string,
    code: string,
    mode: 'confirm' | 'verify',
  ): Promise<FactorResult> => {
    const factors = deps.factors.forTenant(tenant);
    const before = await factors.get(userId);
    const totp = before.totp;
    if (totp === undefined || (mode === 'verify' && totp.confirmedAt === undefined)) {
      return refuse('AUTH.FACTOR_NOT_ENROLLED', 'No TOTP factor is enrolled for this customer.');
    }
    if (totp.lockedAt !== undefined) {
      return refuse('AUTH.FACTOR_LOCKED', 'The TOTP factor is locked after too many failures.');
    }
    const now = deps.clock.now();
    const generator = totpFor(
      userId,
      openSecret(deps.totpKey, totp.secretCiphertext, sealedFor(tenant, userId)),
    );
    const delta = CODE.test(code)
      ? generator.validate({
          token: code,
          timestamp: now.getTime(),
          window: FACTOR_POLICY.totpWindowSteps,
        })
      : null;
    const step = delta === null ? null : generator.counter({ timestamp: now.getTime() }) + delta;

    return factors.update(userId, (current) => {
      const stored = current.totp;
      if (stored?.secretCiphertext !== totp.secretCiphertext) {
        // Re-enrolled meanwhile: the code was checked against a seed that is gone.
        return { result: refuse('AUTH.CODE_INVALID', 'The code is not valid.') };
      }
      if (stored.lockedAt !== undefined) {
        return { result: refuse('AUTH.FACTOR_LOCKED', 'The TOTP factor is locked.') };
      }
      if (step === null) {
        return failure(current, stored, now, refuse('AUTH.CODE_INVALID', 'The code is not valid.'));
      }
      if (stored.lastUsedStep !== undefined && step <= stored.lastUsedStep) {
        const replayed = refuse(
          'AUTH.CODE_REPLAYED',
          'This code (or a later one) was already used.',
        );
        return failure(current, stored, now, replayed);
      }
      const next: TotpFactor = {
        ...stored,
        consecutiveFailures: 0,
        lastUsedStep: step,
        confirmedAt: stored.confirmedAt ?? now,
      };
      return { write: { ...current, totp: next }, result: PASSED };
    });
  };

  return {
    /** A fresh seed, sealed and pending confirmation; replaces any earlier TOTP factor. */
    async enrol(tenant: TenantId, userId: string): Promise<{ otpauthUri: string }> {
      const secret = new Secret({ size: FACTOR_POLICY.totpSecretBytes });
      const seed = new Uint8Array(secret.bytes);
      const totp: TotpFactor = {
        secretCiphertext: sealSecret(deps.totpKey, seed, sealedFor(tenant, userId)),
        consecutiveFailures: 0,
      };
      await deps.factors
        .forTenant(tenant)
        .update(userId, (current) => ({ write: { ...current, totp }, result: null }));
      return { otpauthUri: totpFor(userId, seed).toString() };
    },
    confirm: (tenant: TenantId, userId: string, code: string) =>
      check(tenant, userId, code, 'confirm'),
    verify: (tenant: TenantId, userId: string, code: string) =>
      check(tenant, userId, code, 'verify'),
  };
}

export type TotpService = ReturnType<typeof totpFactor>;

/** The owner a sealed seed is bound to (AES-GCM additional data): tenant and customer. */
export function sealedFor(tenant: TenantId, userId: string): string {
  return `totp\n${tenant}\n${userId}`;
}

function failure(
  current: CustomerFactorsRecord,
  totp: TotpFactor,
  now: Date,
  refusal: FactorResult,
) {
  const consecutiveFailures = totp.consecutiveFailures + 1;
  const locked = consecutiveFailures >= FACTOR_POLICY.maxConsecutiveFailures;
  const next: TotpFactor = { ...totp, consecutiveFailures, ...(locked ? { lockedAt: now } : {}) };
  return { write: { ...current, totp: next }, result: refusal };
}

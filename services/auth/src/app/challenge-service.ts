import type { StepUpChallenge } from '@sentinel/contracts';
import type { StepUpMethod } from '@sentinel/engine';
import { createKeyedTokenBuckets, type Clock, type Logger } from '@sentinel/kernel';
import type { CustomerProfiles, ForTenant, StepUpChallengeStore, TenantId } from '@sentinel/store';
import type { SendLimit } from '../config.ts';
import type { AuthenticationResponseJson, FactorCheck, FactorService } from '../factors-port.ts';
import { AuthError, isProblemCode } from '../http/problem.ts';
import type { OneTimeCodes } from '../ports/one-time-codes.ts';
import {
  exhausted,
  MAX_ATTEMPTS,
  MAX_SENDS,
  notFound,
  providerDown,
  sendsExhausted,
} from './challenge-refusals.ts';
import type { OutcomeRelay } from './outcome-relay.ts';
import { codeDestinations } from './code-destinations.ts';
import { requireMethod } from './require-method.ts';
import type { SmsSafety } from './sms-safety.ts';

export type CodeMethod = 'SMS_OTP' | 'EMAIL_OTP' | 'TOTP';

export interface ChallengeServiceDeps {
  readonly challenges: StepUpChallengeStore;
  readonly profiles: ForTenant<Pick<CustomerProfiles, 'getProfile'>>;
  readonly factors: FactorService;
  readonly codes: OneTimeCodes | null;
  readonly smsSafety: (tenant: TenantId, phoneNumber: string, now: Date) => Promise<SmsSafety>;
  readonly relay: OutcomeRelay;
  readonly emailOtpTenants: readonly string[];
  readonly sendLimits: { readonly perUser: SendLimit; readonly perTenant: SendLimit };
  readonly clock: Clock;
  readonly logger: Logger;
}

const attemptsLeft = (c: StepUpChallenge) => Math.max(0, MAX_ATTEMPTS - c.attempts);

/**
 * The challenge routes as use cases (issue 11): the view, code sends, code and passkey checks,
 * expiry. Every change is a transactional update of the challenge; an attempt is reserved
 * before a code is checked, so parallel guesses can never exceed five.
 */
export function createChallengeService(deps: ChallengeServiceDeps) {
  const { challenges, clock } = deps;
  const perUser = createKeyedTokenBuckets({ ...deps.sendLimits.perUser, clock });
  const perTenant = createKeyedTokenBuckets({ ...deps.sendLimits.perTenant, clock });
  const codeDestination = codeDestinations(deps);

  /** Applies a change; publishes the outcome when it ended the challenge. */
  const change = async (
    tenant: TenantId,
    id: string,
    fn: (c: StepUpChallenge) => StepUpChallenge | null,
  ) => {
    const result = await challenges.forTenant(tenant).update(id, fn);
    if (result === null) {
      throw notFound();
    }
    // Every change here applies to a PENDING challenge only: a changed, ended one just ended.
    if (result.changed && result.challenge.status !== 'PENDING') {
      deps.relay.publishSoon(tenant, result.challenge);
    }
    return result;
  };

  /** The challenge, open for a step: pending and unexpired, or the problem saying why not. */
  const open = async (tenant: TenantId, id: string): Promise<StepUpChallenge> => {
    const challenge = await challenges.forTenant(tenant).get(id);
    if (challenge === null) {
      throw notFound();
    }
    return refuseClosed(tenant, challenge);
  };

  const refuseClosed = async (tenant: TenantId, c: StepUpChallenge): Promise<StepUpChallenge> => {
    const now = clock.now();
    if (c.status === 'PENDING' && now.getTime() >= c.expiresAt.getTime()) {
      await change(tenant, c.id, (cur) =>
        cur.status === 'PENDING' ? { ...cur, status: 'EXPIRED', completedAt: now } : null,
      );
      throw new AuthError('AUTH.CHALLENGE_EXPIRED', 'The challenge has expired');
    }
    switch (c.status) {
      case 'PENDING':
        if (c.attempts >= MAX_ATTEMPTS) {
          throw exhausted();
        }
        return c;
      case 'EXPIRED':
        throw new AuthError('AUTH.CHALLENGE_EXPIRED', 'The challenge has expired');
      case 'FAILED':
        throw exhausted();
      case 'PASSED':
        throw new AuthError('AUTH.CHALLENGE_CLOSED', 'The challenge was already passed');
    }
  };

  /**
   * Reserves one attempt: the challenge with the attempt counted. For a passkey it also consumes
   * the WebAuthn state in the same transaction (single use: an assertion checked once, and a
   * retry needs fresh options), and returns it.
   */
  const reserveAttempt = async (
    tenant: TenantId,
    id: string,
    consumeState = false,
  ): Promise<{ readonly reserved: StepUpChallenge; readonly state: string | undefined }> => {
    const now = clock.now();
    let state: string | undefined;
    const result = await challenges.forTenant(tenant).update(id, (c) => {
      state = c.webauthnState;
      if (
        c.status !== 'PENDING' ||
        now.getTime() >= c.expiresAt.getTime() ||
        c.attempts >= MAX_ATTEMPTS ||
        (consumeState && state === undefined)
      ) {
        return null;
      }
      if (!consumeState) {
        return { ...c, attempts: c.attempts + 1 };
      }
      const { webauthnState: _consumed, ...rest } = c;
      return { ...rest, attempts: c.attempts + 1 };
    });
    if (result === null) {
      throw notFound();
    }
    if (!result.changed) {
      await refuseClosed(tenant, result.challenge);
      if (consumeState && state === undefined) {
        throw new AuthError('AUTH.PASSKEY_INVALID', 'Request the passkey options first');
      }
      throw exhausted();
    }
    return { reserved: result.challenge, state };
  };

  /** Ends a reserved attempt: PASSED on success; on failure FAILED after the fifth. */
  const settle = async (
    tenant: TenantId,
    reserved: StepUpChallenge,
    method: StepUpMethod,
    check: FactorCheck,
  ) => {
    const now = clock.now();
    if (check.ok) {
      const { challenge } = await change(tenant, reserved.id, (c) =>
        c.status === 'PENDING'
          ? { ...c, status: 'PASSED', passedWith: method, completedAt: now }
          : null,
      );
      deps.logger.info('step-up passed', { decisionId: reserved.decisionId, method });
      return { status: challenge.status, attemptsLeft: attemptsLeft(challenge) };
    }
    let status: StepUpChallenge['status'] = 'PENDING';
    if (reserved.attempts >= MAX_ATTEMPTS) {
      const { challenge } = await change(tenant, reserved.id, (c) =>
        c.status === 'PENDING' ? { ...c, status: 'FAILED', completedAt: now } : null,
      );
      status = challenge.status;
    }
    deps.logger.info('step-up attempt failed', {
      decisionId: reserved.decisionId,
      method,
      code: check.code,
      attempts: reserved.attempts,
    });
    throw new AuthError(
      isProblemCode(check.code) ? check.code : 'AUTH.CODE_INVALID',
      check.detail,
      {
        extensions: { challengeStatus: status, attemptsLeft: attemptsLeft(reserved) },
      },
    );
  };

  const codeCheck = async (
    tenant: TenantId,
    c: StepUpChallenge,
    method: CodeMethod,
    code: string,
    to: string | null,
  ): Promise<FactorCheck> => {
    if (method === 'TOTP') {
      return deps.factors.verifyTotp(tenant, c.userId, code);
    }
    const ok = await requireCodes()
      .check(to ?? '', code)
      .catch(providerDown);
    return ok
      ? { ok: true }
      : { ok: false, code: 'AUTH.CODE_INVALID', detail: 'The code is not valid' };
  };

  const requireCodes = (): OneTimeCodes => {
    if (deps.codes === null) {
      throw new AuthError('AUTH.PROVIDER_UNAVAILABLE', 'No code provider is configured');
    }
    return deps.codes;
  };

  return {
    /** `GET /v1/challenges/{id}`: what the customer's app shows and may use. */
    async view(tenant: TenantId, id: string) {
      let challenge = await challenges.forTenant(tenant).get(id);
      if (challenge === null) {
        throw notFound();
      }
      const now = clock.now();
      if (challenge.status === 'PENDING' && now.getTime() >= challenge.expiresAt.getTime()) {
        ({ challenge } = await change(tenant, id, (c) =>
          c.status === 'PENDING' ? { ...c, status: 'EXPIRED', completedAt: now } : null,
        ));
      }
      return {
        status: challenge.status,
        methods: challenge.status === 'PENDING' ? await offered(tenant, challenge) : [],
        expiresAt: challenge.expiresAt.toISOString(),
        attemptsLeft: attemptsLeft(challenge),
        payment: { amount: challenge.amount, payee: challenge.payee },
      };
    },

    /** `POST /v1/challenges/{id}/otp`: one code by SMS or e-mail, within every limit. */
    async sendCode(tenant: TenantId, id: string, channel: 'SMS' | 'EMAIL') {
      const c = await open(tenant, id);
      const method = channel === 'SMS' ? 'SMS_OTP' : 'EMAIL_OTP';
      const to = await codeDestination(tenant, c, method);
      if (c.sends >= MAX_SENDS) {
        throw sendsExhausted();
      }
      for (const [bucket, key] of [
        [perUser, `${tenant}\n${c.userId}`],
        [perTenant, tenant],
      ] as const) {
        const admission = bucket.tryTake(key);
        if (!admission.ok) {
          const seconds = Math.ceil(admission.retryAfterMs / 1000);
          throw new AuthError(
            'AUTH.RATE_LIMITED',
            `Too many codes sent; retry after ${seconds} s`,
            {
              headers: { 'Retry-After': String(seconds) },
            },
          );
        }
      }
      const now = clock.now();
      const reserved = await challenges
        .forTenant(tenant)
        .update(id, (cur) =>
          cur.status === 'PENDING' &&
          now.getTime() < cur.expiresAt.getTime() &&
          cur.sends < MAX_SENDS
            ? { ...cur, sends: cur.sends + 1 }
            : null,
        );
      if (reserved === null) {
        throw notFound();
      }
      if (!reserved.changed) {
        await refuseClosed(tenant, reserved.challenge);
        throw sendsExhausted();
      }
      await requireCodes()
        .send(to, channel === 'SMS' ? 'sms' : 'email', { amount: c.amount, payee: c.payee })
        .catch(providerDown);
      deps.logger.info('step-up code sent', { decisionId: c.decisionId, channel });
      return { channel, sendsLeft: MAX_SENDS - reserved.challenge.sends };
    },

    /** `POST /v1/challenges/{id}/verify`: an SMS, e-mail or authenticator-app code. */
    async verifyCode(tenant: TenantId, id: string, method: CodeMethod, code: string) {
      const c = await open(tenant, id);
      requireMethod(c, method);
      const to = method === 'TOTP' ? null : await codeDestination(tenant, c, method);
      const { reserved } = await reserveAttempt(tenant, id);
      return settle(tenant, reserved, method, await codeCheck(tenant, reserved, method, code, to));
    },

    /** `POST /v1/challenges/{id}/webauthn/options`: options bound to this payment. */
    async passkeyOptions(tenant: TenantId, id: string) {
      const c = await open(tenant, id);
      requireMethod(c, 'WEBAUTHN');
      if (!(await deps.factors.enrolledMethods(tenant, c.userId)).includes('WEBAUTHN')) {
        throw new AuthError('AUTH.FACTOR_NOT_ENROLLED', 'The customer has no passkey');
      }
      const { options, payment, state } = await deps.factors.passkeyRequest(tenant, c);
      await change(tenant, id, (cur) =>
        cur.status === 'PENDING' ? { ...cur, webauthnState: state } : null,
      );
      return { ...options, payment };
    },

    /** `POST /v1/challenges/{id}/webauthn`: the assertion, checked against this payment. */
    async verifyPasskey(
      tenant: TenantId,
      id: string,
      response: AuthenticationResponseJson,
      origin: string | undefined,
    ) {
      requireMethod(await open(tenant, id), 'WEBAUTHN');
      const { reserved, state } = await reserveAttempt(tenant, id, true);
      if (state === undefined) {
        throw new AuthError('AUTH.PASSKEY_INVALID', 'Request the passkey options first');
      }
      const check = await deps.factors.verifyPasskey(tenant, reserved, state, response, origin);
      const { status } = await settle(tenant, reserved, 'WEBAUTHN', check);
      return { status };
    },

    /** Expires what is due and republishes outcomes still in the outbox (the sweep). */
    async sweep() {
      const expired = await challenges.expireDue(clock.now(), 100);
      const published = await deps.relay.sweep();
      return { expired: expired.length, published };
    },
  };

  /** The methods the app may offer now: the decision's, minus what is unsafe or not enrolled. */
  async function offered(tenant: TenantId, c: StepUpChallenge): Promise<StepUpMethod[]> {
    const enrolled = await deps.factors.enrolledMethods(tenant, c.userId);
    const usable = await Promise.all(
      c.methods.map(async (method) => {
        if (method === 'WEBAUTHN' || method === 'TOTP') {
          return enrolled.includes(method);
        }
        return codeDestination(tenant, c, method).then(
          () => true,
          () => false,
        );
      }),
    );
    return c.methods.filter((_, i) => usable[i] === true);
  }
}

export type ChallengeService = ReturnType<typeof createChallengeService>;

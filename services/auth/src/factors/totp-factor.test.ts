import { URI, type TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { FACTOR_POLICY } from './factor-policy.ts';
import { openSecret } from './secret-box.ts';
import { sealedFor } from './totp-factor.ts';
import {
  factorServiceForTest,
  jsonPoster,
  TEST_TOTP_KEY,
  withTenant,
} from './testing/factor-fixtures.ts';

const STEP_MS = FACTOR_POLICY.totpPeriodSeconds * 1000;

async function enrolled(opts: { confirm: boolean } = { confirm: true }) {
  const ctx = factorServiceForTest();
  const tenant = 'bank-a';
  const post = jsonPoster(withTenant(ctx.service.userRoutes(), tenant));
  const res = await post('/v1/users/alice/totp');
  expect(res.status).toBe(201);
  const { otpauthUri } = (await res.json()) as { otpauthUri: string };
  const totp = URI.parse(otpauthUri) as TOTP;
  const codeAt = (offsetSteps: number) =>
    totp.generate({ timestamp: ctx.clock.now().getTime() + offsetSteps * STEP_MS });
  if (opts.confirm) {
    const confirm = await post('/v1/users/alice/totp/confirm', { code: codeAt(0) });
    expect(confirm.status).toBe(200);
    // The confirming step is spent; two steps on, the ±1 window holds only fresh steps.
    ctx.clock.advance(2 * STEP_MS);
  }
  return { ...ctx, tenant, otpauthUri, totp, codeAt, post };
}

describe('TOTP enrolment', () => {
  it('returns an otpauth URI (Sentinel, 6 digits, 30 s, SHA-1) and stores the seed only sealed', async () => {
    const { otpauthUri, totp, factors } = await enrolled({ confirm: false });
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Sentinel:alice\?/);
    expect(totp).toMatchObject({ issuer: 'Sentinel', digits: 6, period: 30, algorithm: 'SHA1' });
    const record = await factors.forTenant('bank-a').get('alice');
    const sealed = record.totp?.secretCiphertext ?? '';
    expect(sealed).not.toContain(totp.secret.base32);
    expect(Buffer.from(openSecret(TEST_TOTP_KEY, sealed, sealedFor('bank-a', 'alice')))).toEqual(
      Buffer.from(totp.secret.bytes),
    );
    // Bound to its owner and key: another customer's record or another key does not open it.
    expect(() => openSecret(TEST_TOTP_KEY, sealed, sealedFor('bank-a', 'mallory'))).toThrow();
    expect(() => openSecret(TEST_TOTP_KEY, sealed, sealedFor('bank-b', 'alice'))).toThrow();
    expect(() => openSecret(Buffer.alloc(32, 8), sealed, sealedFor('bank-a', 'alice'))).toThrow();
    const tampered = Buffer.from(sealed, 'base64');
    tampered[14] = (tampered[14] ?? 0) ^ 1;
    expect(() =>
      openSecret(TEST_TOTP_KEY, tampered.toString('base64'), sealedFor('bank-a', 'alice')),
    ).toThrow();
  });

  it('counts as enrolled only once a first code confirmed it', async () => {
    const { service, post, codeAt } = await enrolled({ confirm: false });
    expect(await service.enrolledMethods('bank-a', 'alice')).toEqual([]);
    expect(await service.verifyTotp('bank-a', 'alice', codeAt(0))).toMatchObject({
      ok: false,
      code: 'AUTH.FACTOR_NOT_ENROLLED',
    });
    const wrong = await post('/v1/users/alice/totp/confirm', {
      code: '000000' === codeAt(0) ? '111111' : '000000',
    });
    expect(wrong.status).toBe(422);
    expect(await wrong.json()).toMatchObject({ code: 'AUTH.CODE_INVALID' });
    expect((await post('/v1/users/alice/totp/confirm', { code: codeAt(0) })).status).toBe(200);
    expect(await service.enrolledMethods('bank-a', 'alice')).toEqual(['TOTP']);
  });

  it('keeps the factor per tenant: another bank’s alice has none', async () => {
    const { service, codeAt } = await enrolled();
    expect(await service.verifyTotp('bank-b', 'alice', codeAt(0))).toMatchObject({
      ok: false,
      code: 'AUTH.FACTOR_NOT_ENROLLED',
    });
  });
});

describe('TOTP verification', () => {
  it.each([
    { offset: -1, ok: true },
    { offset: 0, ok: true },
    { offset: 1, ok: true },
    { offset: -2, ok: false },
    { offset: 2, ok: false },
  ])('a code from step $offset relative to now: accepted $ok (±1 step)', async ({ offset, ok }) => {
    const { service, codeAt } = await enrolled();
    const result = await service.verifyTotp('bank-a', 'alice', codeAt(offset));
    expect(result.ok).toBe(ok);
    if (!result.ok) {
      expect(result.code).toBe('AUTH.CODE_INVALID');
    }
  });

  it('accepts a code once: the same code again, or an earlier step’s code, is a replay', async () => {
    const { service, codeAt } = await enrolled();
    const now = codeAt(0);
    const previous = codeAt(-1);
    expect(await service.verifyTotp('bank-a', 'alice', now)).toEqual({ ok: true });
    expect(await service.verifyTotp('bank-a', 'alice', now)).toMatchObject({
      ok: false,
      code: 'AUTH.CODE_REPLAYED',
    });
    expect(await service.verifyTotp('bank-a', 'alice', previous)).toMatchObject({
      ok: false,
      code: 'AUTH.CODE_REPLAYED',
    });
    expect(await service.verifyTotp('bank-a', 'alice', codeAt(1))).toEqual({ ok: true });
  });

  it('refuses what is not six digits without checking it', async () => {
    const { service } = await enrolled();
    for (const code of ['12345', '1234567', 'abcdef', '']) {
      expect(await service.verifyTotp('bank-a', 'alice', code)).toMatchObject({
        ok: false,
        code: 'AUTH.CODE_INVALID',
      });
    }
  });

  it('locks after 100 consecutive failures, even for the right code; a success before resets', async () => {
    const { service, codeAt, factors, clock } = await enrolled();
    const wrong = codeAt(0) === '000000' ? '111111' : '000000';
    for (let i = 0; i < FACTOR_POLICY.maxConsecutiveFailures - 1; i++) {
      await service.verifyTotp('bank-a', 'alice', wrong);
    }
    expect(await service.verifyTotp('bank-a', 'alice', codeAt(0))).toEqual({ ok: true });
    expect((await factors.forTenant('bank-a').get('alice')).totp?.consecutiveFailures).toBe(0);
    clock.advance(STEP_MS);
    for (let i = 0; i < FACTOR_POLICY.maxConsecutiveFailures; i++) {
      expect(await service.verifyTotp('bank-a', 'alice', wrong)).toMatchObject({
        code: 'AUTH.CODE_INVALID',
      });
    }
    expect(await service.verifyTotp('bank-a', 'alice', codeAt(0))).toMatchObject({
      ok: false,
      code: 'AUTH.FACTOR_LOCKED',
    });
    expect((await factors.forTenant('bank-a').get('alice')).totp?.lockedAt).toEqual(clock.now());
  });

  it('never writes a code or the seed to the log', async () => {
    const { service, codeAt, logger, totp } = await enrolled();
    const code = codeAt(0);
    await service.verifyTotp('bank-a', 'alice', code);
    await service.verifyTotp('bank-a', 'alice', code);
    expect(logger.lines.length).toBeGreaterThan(0);
    const log = logger.lines.join('\n');
    expect(log).toContain('AUTH.CODE_REPLAYED');
    expect(log).not.toContain(code);
    expect(log).not.toContain(totp.secret.base32);
  });
});

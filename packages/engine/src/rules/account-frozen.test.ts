import { describe, expect, it } from 'vitest';
import { aContext, ruleOf } from '../testing/fixtures.ts';
import { accountFrozen } from './account-frozen.ts';

const rule = ruleOf(accountFrozen);

describe('accountFrozen', () => {
  it('denies a frozen account (critical) without freezing it again', () => {
    expect(rule.evaluate(aContext({ accountFrozen: true }))).toEqual({
      code: 'ACCOUNT_FROZEN',
      message: 'The account is frozen until an administrator unfreezes it',
      weight: 100,
      evidence: {},
      critical: true,
    });
  });

  it.each([
    ['not frozen', aContext({ accountFrozen: false })],
    ['no freeze state read', aContext()],
  ])('is silent when %s', (_label, ctx) => {
    expect(rule.evaluate(ctx)).toBeNull();
  });

  it('rejects a weight above 100', () => {
    expect(accountFrozen.params.safeParse({ weight: 101 }).success).toBe(false);
  });
});

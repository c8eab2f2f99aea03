import { describe, expect, it } from 'vitest';
import { aContext, hoursAgo, ruleOf } from '../testing/fixtures.ts';
import { failedLogins } from './failed-logins.ts';

const rule = ruleOf(failedLogins);
const failures = (...hours: number[]) =>
  aContext({ history: { failedLogins: hours.map(hoursAgo) } });

describe('failedLogins', () => {
  it.each([
    ['3 in the last hour', failures(0.1, 0.2, 0.5), 3],
    ['3 with one exactly 24 h ago', failures(1, 2, 24), 3],
    ['4 spread over the day', failures(1, 6, 12, 23), 4],
  ])('fires for %s', (_label, ctx, count) => {
    expect(rule.evaluate(ctx)).toEqual({
      code: 'FAILED_LOGINS',
      message: `${count} failed logins in the last 24 h`,
      weight: 25,
      evidence: { count, windowHours: 24 },
    });
  });

  it.each([
    ['2 in 24 h', failures(1, 2)],
    ['3 with one 25 h ago', failures(1, 2, 25)],
    ['none', failures()],
  ])('does not fire for %s', (_label, ctx) => {
    expect(rule.evaluate(ctx)).toBeNull();
  });
});

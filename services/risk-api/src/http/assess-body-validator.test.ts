// The compiled validator of the assess-payment body against zod's own parser of the same schema:
// for every body of the fuzz corpus (valid payments, their mutations as a client could send them,
// near-valid bodies one step past a limit, random JSON) both give the same value — same keys in
// the same order, same numbers to the sign of zero — or the same issues: code, path and message,
// in order. fast-check prints the seed and the shrunk body when they part.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearValidPayment } from '../testing/near-valid-payment.ts';
import { mutation, validPaymentBody } from '../testing/payment-arbitraries.ts';
import { compiledAssessPaymentRequest } from './assess-body-validator.ts';
import { toFieldIssues } from './router.ts';
import { AssessPaymentRequestSchema } from './schemas.ts';

type Outcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly issues: readonly unknown[] };

function outcome(schema: typeof AssessPaymentRequestSchema, input: unknown): Outcome {
  const result = schema.safeParse(input);
  return result.success
    ? { ok: true, value: result.data }
    : {
        ok: false,
        issues: result.error.issues.map((i) => ({
          code: i.code,
          path: i.path,
          message: i.message,
        })),
      };
}

/** Where `a` and `b` first differ (key order, prototype and -0 included), or undefined. */
function difference(a: unknown, b: unknown, at = '(root)'): string | undefined {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return Object.is(a, b) ? undefined : `${at}: ${String(a)} vs ${String(b)}`;
  }
  if (
    Array.isArray(a) !== Array.isArray(b) ||
    Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)
  ) {
    return `${at}: different kinds of object`;
  }
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.join('\u0000') !== keysB.join('\u0000')) {
    return `${at}: keys ${keysA.join(',')} vs ${keysB.join(',')}`;
  }
  for (const key of keysA) {
    const found = difference(
      (a as Record<string, unknown>)[key],
      (b as Record<string, unknown>)[key],
      `${at}.${key}`,
    );
    if (found !== undefined) {
      return found;
    }
  }
  return undefined;
}

const seen = { accepted: 0, refused: 0 };

function expectSame(input: unknown): void {
  const compiled = outcome(compiledAssessPaymentRequest, input);
  const runtime = outcome(AssessPaymentRequestSchema, input);
  expect(difference(compiled, runtime)).toBeUndefined();
  seen[runtime.ok ? 'accepted' : 'refused']++;
}

/** The body JSON.parse gives for a mutated text, or undefined for text that is not JSON. */
function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

describe('the compiled assess-payment validator', () => {
  it('is compiled code, not the schema handed back', () => {
    expect(compiledAssessPaymentRequest).not.toBe(AssessPaymentRequestSchema);
  });

  it('accepts every valid payment with the value zod gives', () => {
    seen.accepted = 0;
    fc.assert(fc.property(validPaymentBody, expectSame), { numRuns: 300 });
    expect(seen.accepted).toBe(300);
  });

  it('answers every mutated payment as zod does', () => {
    fc.assert(
      fc.property(
        validPaymentBody,
        mutation,
        fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
        (body, { apply }, picks) => {
          let i = 0;
          const text = apply(body, (n) => (n === 0 ? 0 : (picks[i++ % picks.length] ?? 0) % n));
          const value = parsed(text);
          if (value !== undefined) {
            expectSame(value);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('answers every near-valid body as zod does, accepted or refused', () => {
    seen.accepted = 0;
    seen.refused = 0;
    fc.assert(fc.property(nearValidPayment, expectSame), { numRuns: 3_000 });
    // The corpus reaches both sides of the limits.
    expect(seen.accepted).toBeGreaterThan(100);
    expect(seen.refused).toBeGreaterThan(1_000);
  });

  it('answers random JSON as zod does', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), expectSame), { numRuns: 300 });
  });

  it.each([
    ['a boundary accepted', { minor: 2 ** 53 - 1, currency: 'ZAR' }, []],
    [
      'two problems in one field, in the schema order',
      { minor: 1.5, currency: 'zar' },
      [
        { path: 'amount.minor', message: 'Invalid input: expected int, received number' },
        { path: 'amount.currency', message: 'must be an ISO 4217 currency code such as ZAR' },
      ],
    ],
  ])('names the same fields as problem+json does: %s', (_, amount, expected) => {
    const body = {
      transactionId: 't-1',
      userId: 'u-1',
      phoneNumber: '+27821234567',
      amount,
      channel: 'EFT',
      device: { id: 'd-1' },
      ipAddress: '203.0.113.7',
    };
    const result = compiledAssessPaymentRequest.safeParse(body);
    expect(result.success ? [] : toFieldIssues(result.error.issues)).toEqual(expected);
  });
});

import { describe, expect, it } from 'vitest';
import type { Decision, DecisionRecord } from '@sentinel/contracts';
import type { AssessPaymentRequest } from '../http/schemas.ts';
import type { AssessOutcome, AssessPayment } from './assess-payment.ts';
import { requestHash } from './canonical-hash.ts';
import { coalesceRetries } from './coalesce-retries.ts';

const body = (over: Partial<AssessPaymentRequest> = {}): AssessPaymentRequest => ({
  transactionId: 'tx-1',
  userId: 'u-1',
  phoneNumber: '+27821234567',
  amount: { minor: 100, currency: 'ZAR' },
  channel: 'PAYSHAP',
  device: { id: 'd-1' },
  ipAddress: '196.25.1.1',
  ...over,
});

const decided = (decisionId: string, committed = true): AssessOutcome => ({
  kind: 'decided',
  decision: { decisionId, transactionId: 'tx-1', action: 'APPROVE' } as Decision,
  requestHash: 'the fingerprint of the body assessed (controlled() sets it)',
  replayed: false,
  committed,
  timings: { read: 1, telco: 0, engine: 1, commit: 1 },
});

/**
 * An assessPayment whose calls settle when the test says so. Like the real one, a decided outcome
 * carries the fingerprint of the body it was asked about.
 */
function controlled() {
  const calls: { resolve: (o: AssessOutcome) => void; reject: (e: Error) => void }[] = [];
  const fn: AssessPayment = (asked) =>
    new Promise<AssessOutcome>((resolve, reject) => {
      calls.push({
        resolve: (o) => {
          resolve(o.kind === 'decided' ? { ...o, requestHash: requestHash(asked) } : o);
        },
        reject,
      });
    });
  return { fn, calls };
}

const caller = { clientId: 'bank-a' };

describe('coalesceRetries', () => {
  it('a retry that overlaps the first request gets its decision, replayed, without a second assessment', async () => {
    const { fn, calls } = controlled();
    const assess = coalesceRetries(fn);
    const first = assess(body(), caller, 0);
    const retry = assess(body(), caller, 0);
    expect(calls).toHaveLength(1);
    calls[0]?.resolve(decided('dec-1'));
    expect(await first).toMatchObject({ kind: 'decided', replayed: false });
    expect(await retry).toMatchObject({
      kind: 'decided',
      replayed: true,
      decision: { decisionId: 'dec-1' },
    });
  });

  it('an overlapping request with another body is a conflict naming the first decision', async () => {
    const { fn, calls } = controlled();
    const assess = coalesceRetries(fn);
    const first = assess(body(), caller, 0);
    const other = assess(body({ amount: { minor: 999, currency: 'ZAR' } }), caller, 0);
    calls[0]?.resolve(decided('dec-1'));
    await first;
    expect(await other).toEqual({ kind: 'conflict', decisionId: 'dec-1' });
    expect(calls).toHaveLength(1);
  });

  it('the same body with keys in another order is the same request', async () => {
    const { fn, calls } = controlled();
    const assess = coalesceRetries(fn);
    const b = body();
    const reordered = Object.fromEntries(Object.entries(b).reverse()) as AssessPaymentRequest;
    const first = assess(b, caller, 0);
    const retry = assess(reordered, caller, 0);
    calls[0]?.resolve(decided('dec-1'));
    await first;
    expect(await retry).toMatchObject({ kind: 'decided', replayed: true });
  });

  it('other clients and other transactions are not coalesced', async () => {
    const { fn, calls } = controlled();
    const assess = coalesceRetries(fn);
    const a = assess(body(), caller, 0);
    const b = assess(body(), { clientId: 'bank-b' }, 0);
    const c = assess(body({ transactionId: 'tx-2' }), caller, 0);
    expect(calls).toHaveLength(3);
    calls.forEach((call, i) => {
      call.resolve(decided(`dec-${i}`));
    });
    expect((await Promise.all([a, b, c])).map((o) => o.kind === 'decided' && o.replayed)).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('when the first fails, the waiting retry is assessed on its own', async () => {
    const { fn, calls } = controlled();
    const assess = coalesceRetries(fn);
    const first = assess(body(), caller, 0);
    const retry = assess(body(), caller, 0);
    calls[0]?.reject(new Error('boom'));
    await expect(first).rejects.toThrow('boom');
    await Promise.resolve();
    await new Promise((r) => setImmediate(r));
    expect(calls).toHaveLength(2);
    calls[1]?.resolve(decided('dec-2'));
    expect(await retry).toMatchObject({ kind: 'decided', replayed: false });
  });

  it('a later retry of a committed decision gets it from memory, or a 409 for another body', async () => {
    const { fn, calls } = controlled();
    const assess = coalesceRetries(fn);
    const first = assess(body(), caller, 0);
    calls[0]?.resolve(decided('dec-1'));
    await first;
    const b = body();
    const reordered = Object.fromEntries(Object.entries(b).reverse()) as AssessPaymentRequest;
    expect(await assess(reordered, caller, 0)).toMatchObject({
      kind: 'decided',
      replayed: true,
      committed: true,
      decision: { decisionId: 'dec-1' },
    });
    expect(await assess(body({ amount: { minor: 7, currency: 'ZAR' } }), caller, 0)).toEqual({
      kind: 'conflict',
      decisionId: 'dec-1',
    });
    expect(calls).toHaveLength(1);
  });

  it('compares a retry with the fingerprint the assessment reported, not with a kept body', async () => {
    const { fn, calls } = controlled();
    const reported = body({ amount: { minor: 1, currency: 'ZAR' } });
    // An assessment that reports the fingerprint of another body than the one it was asked about:
    // retries are judged by what it reported, not by the first body hashed again.
    const assess = coalesceRetries((b, c, t) =>
      fn(b, c, t).then((o) =>
        o.kind === 'decided' ? { ...o, requestHash: requestHash(reported) } : o,
      ),
    );
    const first = assess(body(), caller, 0);
    const inFlightRetry = assess(body(), caller, 0);
    calls[0]?.resolve(decided('dec-1'));
    await first;
    expect(await inFlightRetry).toEqual({ kind: 'conflict', decisionId: 'dec-1' });
    expect(await assess(body(), caller, 0)).toEqual({ kind: 'conflict', decisionId: 'dec-1' });
    expect(await assess(reported, caller, 0)).toMatchObject({
      kind: 'decided',
      replayed: true,
      decision: { decisionId: 'dec-1' },
    });
    expect(calls).toHaveLength(1);
  });

  it('a later retry of a decision answered unconfirmed goes to the assessment (the store decides)', async () => {
    const { fn, calls } = controlled();
    const assess = coalesceRetries(fn);
    const first = assess(body(), caller, 0);
    calls[0]?.resolve(decided('dec-1', false));
    await first;
    void assess(body(), caller, 0);
    expect(calls).toHaveLength(2);
  });

  it('remembers the newest maxRecent committed transactions', async () => {
    const { fn, calls } = controlled();
    const assess = coalesceRetries(fn, undefined, 2);
    for (const tx of ['tx-a', 'tx-b', 'tx-c']) {
      const pending = assess(body({ transactionId: tx }), caller, 0);
      calls.at(-1)?.resolve(decided(`dec-${tx}`));
      await pending;
    }
    await assess(body({ transactionId: 'tx-c' }), caller, 0); // remembered
    expect(calls).toHaveLength(3);
    void assess(body({ transactionId: 'tx-a' }), caller, 0); // forgotten
    expect(calls).toHaveLength(4);
  });

  it('a retry of a decision answered but not yet committed gets it back (or a 409)', async () => {
    const { fn, calls } = controlled();
    const held = {
      decision: { decisionId: 'dec-held', transactionId: 'tx-1' },
      requestHash: requestHash(body()),
    } as DecisionRecord;
    const assess = coalesceRetries(fn, (clientId, transactionId) =>
      clientId === 'bank-a' && transactionId === 'tx-1' ? held : undefined,
    );
    expect(await assess(body(), caller, 0)).toMatchObject({
      kind: 'decided',
      replayed: true,
      decision: { decisionId: 'dec-held' },
    });
    expect(await assess(body({ amount: { minor: 5, currency: 'ZAR' } }), caller, 0)).toEqual({
      kind: 'conflict',
      decisionId: 'dec-held',
    });
    void assess(body(), { clientId: 'bank-b' }, 0);
    expect(calls).toHaveLength(1);
  });
});

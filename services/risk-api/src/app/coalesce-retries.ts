import type { DecisionRecord } from '../decision.ts';
import type { AssessOutcome, AssessPayment } from './assess-payment.ts';
import { requestHash } from './canonical-hash.ts';

/**
 * One assessment per transaction in flight in this instance: a retry that arrives while the first
 * request for the same `transactionId` (and API client) is still being decided waits for it and
 * gets its decision (replayed), or a 409 when its body differs.
 *
 * A retry of a transaction whose decision was answered but not committed (the fallback outbox
 * holds it, `unconfirmed`) gets that decision back too.
 *
 * Firestore's commit arbitrates between instances; this closes the gap inside one instance when
 * the commit is slower than its deadline. Measured without it (`npm run load`, 20,000 requests at
 * concurrency 100 against an overloaded emulator): commits past the 3 s deadline were answered
 * unconfirmed, and 1,465 retried transaction ids got a second, different decision; with the
 * in-flight half alone, 7 of 6,000 still did (retries of decisions held by the fallback outbox).
 */
export function coalesceRetries(
  assessPayment: AssessPayment,
  unconfirmed: (clientId: string, transactionId: string) => DecisionRecord | undefined = () =>
    undefined,
): AssessPayment {
  // The first body is kept, not hashed: hashing is paid only when a retry actually overlaps.
  const inFlight = new Map<
    string,
    { readonly body: Parameters<AssessPayment>[0]; readonly outcome: Promise<AssessOutcome> }
  >();

  return async function coalesced(body, caller, startedAtMs) {
    const held = unconfirmed(caller.clientId, body.transactionId);
    if (held !== undefined) {
      return requestHash(body) === held.requestHash
        ? {
            kind: 'decided',
            decision: held.decision,
            replayed: true,
            timings: { read: 0, telco: 0, engine: 0, commit: 0 },
          }
        : { kind: 'conflict', decisionId: held.decision.decisionId };
    }
    const key = `${caller.clientId}\n${body.transactionId}`;
    const first = inFlight.get(key);
    if (first !== undefined) {
      const waitStarted = performance.now();
      const outcome = await first.outcome.catch(() => null);
      if (outcome?.kind === 'decided') {
        if (requestHash(body) !== requestHash(first.body)) {
          return { kind: 'conflict', decisionId: outcome.decision.decisionId };
        }
        return {
          kind: 'decided',
          decision: outcome.decision,
          replayed: true,
          timings: { read: 0, telco: 0, engine: 0, commit: performance.now() - waitStarted },
        };
      }
      // The first failed or was itself a conflict: decide this one on its own (the commit
      // compares it with whatever was recorded).
      return assessPayment(body, caller, startedAtMs);
    }
    const outcome = assessPayment(body, caller, startedAtMs);
    const entry = { body, outcome };
    inFlight.set(key, entry);
    try {
      return await outcome;
    } finally {
      if (inFlight.get(key) === entry) {
        inFlight.delete(key);
      }
    }
  };
}

import { describe, expect, it } from 'vitest';
import type { StepUpChallenge } from '@sentinel/contracts';
import { aStepUpRecord, at, minutes, uniqueId } from '@sentinel/contracts/testing';
import type { DecisionLog } from '../ports/decision-log.ts';
import type { StepUpChallengeStore } from '../ports/step-up-challenges.ts';

/** A decision log and the challenges it creates, sharing one (empty, isolated) store. */
export interface ChallengeStores {
  readonly log: DecisionLog;
  readonly challenges: StepUpChallengeStore;
}

const failOnce = (c: StepUpChallenge): StepUpChallenge => ({ ...c, attempts: c.attempts + 1 });

/**
 * The `StepUpChallengeStore` contract: challenges created with their STEP_UP decision, changed
 * transactionally, ended with the outcome on the decision and an outbox entry, expired by the
 * sweep, and kept apart per tenant. `make` returns an empty, isolated store on every call.
 */
export function runStepUpChallengesContract(name: string, make: () => ChallengeStores): void {
  describe(`StepUpChallenges contract: ${name}`, () => {
    it('creates the challenge in the decision’s commit; the record read back does not carry it', async () => {
      const { log, challenges } = make();
      const record = aStepUpRecord();
      await log.record(record);
      const challenge = await challenges.forTenant(record.clientId).get(record.challenge.id);
      expect(challenge).toEqual(record.challenge);
      expect(challenge?.expiresAt).toBeInstanceOf(Date);
      const read = await log.get(record.clientId, record.decision.decisionId);
      expect(read).not.toHaveProperty('challenge');
      expect(read).not.toHaveProperty('stepUpOutcome');
    });

    it('answers null for an unknown challenge, to get and to update', async () => {
      const { challenges } = make();
      const bank = challenges.forTenant('bank-a');
      expect(await bank.get(uniqueId('missing'))).toBeNull();
      expect(await bank.update(uniqueId('missing'), failOnce)).toBeNull();
    });

    it('keeps tenants apart: another tenant neither reads nor changes a challenge', async () => {
      const { log, challenges } = make();
      const record = aStepUpRecord({ clientId: 'bank-a' });
      await log.record(record);
      const other = challenges.forTenant('bank-b');
      expect(await other.get(record.challenge.id)).toBeNull();
      expect(await other.update(record.challenge.id, failOnce)).toBeNull();
      expect((await challenges.forTenant('bank-a').get(record.challenge.id))?.attempts).toBe(0);
    });

    it('updates by read-modify-write, and leaves the challenge alone when the change says null', async () => {
      const { log, challenges } = make();
      const record = aStepUpRecord();
      await log.record(record);
      const bank = challenges.forTenant(record.clientId);
      const first = await bank.update(record.challenge.id, failOnce);
      expect(first).toEqual({ challenge: { ...record.challenge, attempts: 1 }, changed: true });
      expect(await bank.update(record.challenge.id, () => null)).toEqual({
        challenge: { ...record.challenge, attempts: 1 },
        changed: false,
      });
      expect((await bank.get(record.challenge.id))?.attempts).toBe(1);
    });

    it('loses no change under concurrent updates', async () => {
      const { log, challenges } = make();
      const record = aStepUpRecord();
      await log.record(record);
      const bank = challenges.forTenant(record.clientId);
      await Promise.all(
        Array.from({ length: 5 }, () => bank.update(record.challenge.id, failOnce)),
      );
      expect((await bank.get(record.challenge.id))?.attempts).toBe(5);
    });

    it('writes a terminal outcome onto the decision and into the outbox, once', async () => {
      const { log, challenges } = make();
      const record = aStepUpRecord();
      await log.record(record);
      const bank = challenges.forTenant(record.clientId);
      const passedAt = at(minutes(1));
      await bank.update(record.challenge.id, (c) => ({
        ...c,
        status: 'PASSED',
        passedWith: 'WEBAUTHN',
        completedAt: passedAt,
      }));
      const decision = await log.get(record.clientId, record.decision.decisionId);
      expect(decision?.stepUpOutcome).toEqual({
        status: 'PASSED',
        method: 'WEBAUTHN',
        at: passedAt,
      });
      const due = await challenges.dueOutcomes(10);
      expect(due.map((d) => [d.tenant, d.challenge.id, d.challenge.status])).toEqual([
        [record.clientId, record.challenge.id, 'PASSED'],
      ]);
      await challenges.completeOutcome(record.challenge.id);
      await challenges.completeOutcome(record.challenge.id);
      expect(await challenges.dueOutcomes(10)).toEqual([]);
    });

    it('records a failure without a method', async () => {
      const { log, challenges } = make();
      const record = aStepUpRecord();
      await log.record(record);
      await challenges.forTenant(record.clientId).update(record.challenge.id, (c) => ({
        ...c,
        attempts: 5,
        status: 'FAILED',
        completedAt: at(minutes(2)),
      }));
      const decision = await log.get(record.clientId, record.decision.decisionId);
      expect(decision?.stepUpOutcome).toEqual({
        status: 'FAILED',
        method: null,
        at: at(minutes(2)),
      });
    });

    it('expires only pending challenges past their expiry, across tenants, up to the limit', async () => {
      const { log, challenges } = make();
      const dueA = aStepUpRecord({ clientId: 'bank-a', ttlMs: minutes(5) });
      const dueB = aStepUpRecord({ clientId: 'bank-b', ttlMs: minutes(6) });
      const notYet = aStepUpRecord({ clientId: 'bank-a', ttlMs: minutes(30) });
      const passed = aStepUpRecord({ clientId: 'bank-a', ttlMs: minutes(5) });
      for (const r of [dueA, dueB, notYet, passed]) {
        await log.record(r);
      }
      await challenges.forTenant('bank-a').update(passed.challenge.id, (c) => ({
        ...c,
        status: 'PASSED',
        passedWith: 'TOTP',
        completedAt: at(minutes(1)),
      }));
      await challenges.completeOutcome(passed.challenge.id);

      const now = at(minutes(10));
      const first = await challenges.expireDue(now, 1);
      expect(first.map((e) => [e.tenant, e.challenge.id])).toEqual([['bank-a', dueA.challenge.id]]);
      const second = await challenges.expireDue(now, 10);
      expect(second.map((e) => [e.tenant, e.challenge.id])).toEqual([
        ['bank-b', dueB.challenge.id],
      ]);
      expect(second[0]?.challenge).toMatchObject({ status: 'EXPIRED', completedAt: now });
      expect(await challenges.expireDue(now, 10)).toEqual([]);

      expect((await challenges.forTenant('bank-a').get(notYet.challenge.id))?.status).toBe(
        'PENDING',
      );
      expect((await challenges.forTenant('bank-a').get(passed.challenge.id))?.status).toBe(
        'PASSED',
      );
      const decision = await log.get('bank-b', dueB.decision.decisionId);
      expect(decision?.stepUpOutcome).toEqual({ status: 'EXPIRED', method: null, at: now });
      const outbox = await challenges.dueOutcomes(10);
      expect(outbox.map((d) => d.challenge.id).sort()).toEqual(
        [dueA.challenge.id, dueB.challenge.id].sort(),
      );
    });
  });
}

import { readFileSync } from 'node:fs';
import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { OUTCOME_AVSC_PATH } from './avro-schema-paths.ts';
import { outcomeToAvroJson, parseOutcomeEvent, toOutcomeEvent } from './outcome-event.ts';
import { REPORTED_OUTCOMES, reportedOutcomeEvent } from './reported-outcome.ts';
import { aStepUpRecord, at, minutes } from './testing/fixtures.ts';

const avsc = JSON.parse(readFileSync(OUTCOME_AVSC_PATH, 'utf8')) as {
  fields: { name: string }[];
};

describe('the step-up outcome event', () => {
  const { challenge } = aStepUpRecord({ clientId: 'bank-a' });

  it('maps a passed challenge, and its Avro JSON validates against the schema', () => {
    const passed = {
      ...challenge,
      status: 'PASSED' as const,
      passedWith: 'WEBAUTHN' as const,
      attempts: 1,
      completedAt: at(minutes(1)),
    };
    const event = toOutcomeEvent('bank-a', passed);
    expect(event).toEqual({
      decisionId: challenge.decisionId,
      tenantId: 'bank-a',
      status: 'PASSED',
      method: 'WEBAUTHN',
      completedAt: at(minutes(1)).getTime() * 1000,
      createdAt: challenge.createdAt.getTime() * 1000,
      attempts: 1,
      sends: 0,
      schemaVersion: 2,
      source: 'AUTH',
      reportedBy: null,
      reference: null,
    });
    const json = outcomeToAvroJson(event);
    expect(Object.keys(json)).toEqual(avsc.fields.map((f) => f.name));
    expect(json.method).toEqual({ string: 'WEBAUTHN' });
    expect(json.source).toEqual({ string: 'AUTH' });
    // wrapUnions: a union value names its branch, exactly as in Avro's JSON encoding.
    const type = avro.Type.forSchema(avsc as avro.Schema, { wrapUnions: true });
    expect(type.isValid(json, { noUndeclaredFields: true })).toBe(true);
    expect(parseOutcomeEvent(JSON.parse(JSON.stringify(json)))).toEqual(event);
  });

  it('has no method for an expired challenge', () => {
    const expired = { ...challenge, status: 'EXPIRED' as const, completedAt: at(minutes(5)) };
    const json = outcomeToAvroJson(toOutcomeEvent('bank-a', expired));
    expect(json.method).toBeNull();
    const type = avro.Type.forSchema(avsc as avro.Schema, { wrapUnions: true });
    expect(type.isValid(json, { noUndeclaredFields: true })).toBe(true);
    expect(parseOutcomeEvent(json).status).toBe('EXPIRED');
  });

  it('refuses a pending challenge', () => {
    expect(() => toOutcomeEvent('bank-a', challenge)).toThrow(/has not ended/);
  });
});

describe('a reported outcome event (source BANK)', () => {
  const type = avro.Type.forSchema(avsc as avro.Schema, { wrapUnions: true });
  const report = {
    decisionId: '0193c5f0-0000-7000-8000-0000000000aa',
    reportedBy: 'analyst-17',
    reference: 'CASE-2291',
    occurredAt: at(minutes(30)),
    reportedAt: at(minutes(31)),
    decidedAt: at(0),
  };

  it.each([
    ['STEP_UP_PASSED', 'PASSED'],
    ['STEP_UP_FAILED', 'FAILED'],
    ['CONFIRMED_FRAUD', 'CONFIRMED_FRAUD'],
    ['CONFIRMED_LEGITIMATE', 'CONFIRMED_LEGITIMATE'],
    ['CHARGEBACK', 'CHARGEBACK'],
  ] as const)('publishes %s as status %s, valid Avro, and reads back equal', (outcome, status) => {
    const event = reportedOutcomeEvent('bank-a', { ...report, outcome });
    expect(event).toEqual({
      decisionId: report.decisionId,
      tenantId: 'bank-a',
      status,
      method: null,
      completedAt: at(minutes(30)).getTime() * 1000,
      createdAt: at(0).getTime() * 1000,
      attempts: 0,
      sends: 0,
      schemaVersion: 2,
      source: 'BANK',
      reportedBy: 'analyst-17',
      reference: 'CASE-2291',
    });
    const json = outcomeToAvroJson(event);
    expect(type.isValid(json, { noUndeclaredFields: true })).toBe(true);
    expect(json).toMatchObject({
      source: { string: 'BANK' },
      reportedBy: { string: 'analyst-17' },
      reference: { string: 'CASE-2291' },
    });
    expect(parseOutcomeEvent(JSON.parse(JSON.stringify(json)))).toEqual(event);
  });

  it('covers every reportable outcome', () => {
    expect(REPORTED_OUTCOMES).toHaveLength(5);
  });

  it('writes a missing reference as null', () => {
    const json = outcomeToAvroJson(
      reportedOutcomeEvent('bank-a', { ...report, outcome: 'CHARGEBACK', reference: null }),
    );
    expect(json.reference).toBeNull();
    expect(type.isValid(json, { noUndeclaredFields: true })).toBe(true);
  });

  it('refuses an unknown status or source (the parser can fail)', () => {
    const json = outcomeToAvroJson(
      reportedOutcomeEvent('bank-a', { ...report, outcome: 'CHARGEBACK' }),
    );
    expect(() => parseOutcomeEvent({ ...json, status: 'REFUNDED' })).toThrow();
    expect(() => parseOutcomeEvent({ ...json, source: { string: 'TELCO' } })).toThrow();
    expect(() => parseOutcomeEvent({ ...json, source: 'BANK' })).toThrow();
  });
});

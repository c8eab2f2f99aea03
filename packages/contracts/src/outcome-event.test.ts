import { readFileSync } from 'node:fs';
import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { OUTCOME_AVSC_PATH } from './avro-schema-paths.ts';
import { outcomeToAvroJson, parseOutcomeEvent, toOutcomeEvent } from './outcome-event.ts';
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
      schemaVersion: 1,
    });
    const json = outcomeToAvroJson(event);
    expect(Object.keys(json)).toEqual(avsc.fields.map((f) => f.name));
    expect(json.method).toEqual({ string: 'WEBAUTHN' });
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

import { readFileSync } from 'node:fs';
import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { OUTCOME_AVSC_PATH, OUTCOME_AVSC_REVISIONS } from './avro-schema-paths.ts';
import { outcomeToAvroJson, parseOutcomeEvent, toOutcomeEvent } from './outcome-event.ts';
import { reportedOutcomeEvent } from './reported-outcome.ts';
import { aStepUpRecord, at, minutes } from './testing/fixtures.ts';

// Real Avro schema resolution (avsc), as Pub/Sub schema revisions and BigQuery subscriptions
// apply it: a reader with the current outcome schema reads what revision 1 wrote.

interface AvroRecordSchema {
  readonly fields: readonly { readonly name: string; readonly default?: unknown }[];
}
const readSchema = (url: URL) => JSON.parse(readFileSync(url, 'utf8')) as AvroRecordSchema;
const typeOf = (schema: AvroRecordSchema) =>
  avro.Type.forSchema(schema as avro.Schema, { wrapUnions: true });

const currentSchema = readSchema(OUTCOME_AVSC_PATH);
const current = typeOf(currentSchema);
const v1Schema = readSchema(OUTCOME_AVSC_REVISIONS[1]);
const v1 = typeOf(v1Schema);

const { challenge } = aStepUpRecord({ clientId: 'bank-a' });
const passed = toOutcomeEvent('bank-a', {
  ...challenge,
  status: 'PASSED',
  passedWith: 'TOTP',
  attempts: 2,
  completedAt: at(minutes(2)),
});

/** What a schemaVersion 1 producer (the auth service before issue 13) published. */
function aV1Body(): Record<string, unknown> {
  const body = outcomeToAvroJson({ ...passed, schemaVersion: 1 }) as Record<string, unknown>;
  return Object.fromEntries(v1Schema.fields.map((f) => [f.name, body[f.name]]));
}

describe('risk-outcome.avsc v1 → v2', () => {
  it('adds source, reportedBy and reference only, each with a default', () => {
    const old = new Set(v1Schema.fields.map((f) => f.name));
    const added = currentSchema.fields.filter((f) => !old.has(f.name));
    expect(added.map((f) => [f.name, f.default])).toEqual([
      ['source', 'AUTH'],
      ['reportedBy', null],
      ['reference', null],
    ]);
    expect(() => current.createResolver(v1)).not.toThrow();
  });

  it('reads a v1 message written in Avro binary as an AUTH outcome', () => {
    const body = aV1Body();
    expect(v1.isValid(body, { noUndeclaredFields: true })).toBe(true);
    const written = v1.toBuffer(v1.fromString(JSON.stringify(body)));
    const resolved: unknown = JSON.parse(
      current.toString(current.fromBuffer(written, current.createResolver(v1))),
    );
    expect(resolved).toMatchObject({ source: { string: 'AUTH' }, reportedBy: null });
    const expected = { ...passed, schemaVersion: 1 };
    expect(parseOutcomeEvent(resolved)).toEqual(expected);
    // A v1 message as Pub/Sub retained it (JSON, without the new fields) reads the same.
    expect(parseOutcomeEvent(body)).toEqual(expected);
  });

  it('would not resolve v1 if source had no default (the check can fail)', () => {
    const withoutDefault = {
      ...currentSchema,
      fields: currentSchema.fields.map((field) => {
        const { default: _default, ...withoutIt } = field;
        return field.name === 'source' ? withoutIt : field;
      }),
    };
    expect(() => typeOf(withoutDefault).createResolver(v1)).toThrow();
  });

  it('round-trips a v2 BANK event through Avro binary and JSON', () => {
    const event = reportedOutcomeEvent('bank-a', {
      decisionId: challenge.decisionId,
      outcome: 'CONFIRMED_FRAUD',
      reportedBy: 'fraud-ops',
      reference: null,
      occurredAt: at(minutes(90)),
      reportedAt: at(minutes(91)),
      decidedAt: at(0),
    });
    const json = JSON.stringify(outcomeToAvroJson(event));
    const decoded: unknown = current.fromBuffer(current.toBuffer(current.fromString(json)));
    expect(parseOutcomeEvent(JSON.parse(current.toString(decoded)))).toEqual(event);
  });
});

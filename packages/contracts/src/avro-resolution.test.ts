import { readFileSync } from 'node:fs';
import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { aDecisionRecord } from './testing/fixtures.ts';
import { DECISION_AVSC_PATH, DECISION_AVSC_REVISIONS } from './avro-schema-paths.ts';
import { parseDecisionEvent, toAvroJson } from './avro-json.ts';
import type { DecisionEvent } from './decision-event-schema.ts';
import { toDecisionEvent } from './decision-event.ts';
import { createPseudonymiser } from './pseudonymiser.ts';

// Real Avro schema resolution (avsc), as Pub/Sub schema revisions and BigQuery subscriptions
// apply it: a reader with the current schema must read what any earlier revision wrote.

interface AvroRecordSchema {
  readonly fields: readonly { readonly name: string; readonly default?: unknown }[];
}
const readSchema = (url: URL) => JSON.parse(readFileSync(url, 'utf8')) as AvroRecordSchema;
// wrapUnions: union values carry their branch name, exactly as in Avro's JSON encoding.
const typeOf = (schema: AvroRecordSchema) =>
  avro.Type.forSchema(schema as avro.Schema, { wrapUnions: true });

const currentSchema = readSchema(DECISION_AVSC_PATH);
const current = typeOf(currentSchema);
const v2Schema = readSchema(DECISION_AVSC_REVISIONS[2]);
const v2 = typeOf(v2Schema);

const pseudonymise = createPseudonymiser('unit-test-pseudonym-key');
const held = toDecisionEvent(aDecisionRecord(), pseudonymise);
const scored: DecisionEvent = {
  ...held,
  behaviorScore: 88.5,
  behaviorDistance: 7.25,
  behaviorBaselineVersion: 2,
};
const bare: DecisionEvent = {
  ...held,
  escrowHeld: false,
  escrowReason: null,
  escrowId: null,
  escrowReleaseBy: null,
  simSwapAgeHours: null,
  payeeKey: null,
  tenantId: null,
  stepUpMethods: [],
  reasons: [],
};

/** Where `type` finds `body` invalid, as field paths (empty: valid). */
function invalidPaths(type: avro.Type, body: unknown): string[] {
  const paths: string[] = [];
  type.isValid(body, {
    noUndeclaredFields: true,
    errorHook: (path) => paths.push(path.join('.')),
  });
  return paths;
}

/** What a schemaVersion 2 producer published: the v2 fields of an event, nothing else. */
function aV2Body(event: DecisionEvent): Record<string, unknown> {
  const body = toAvroJson({ ...event, schemaVersion: 2 }) as Record<string, unknown>;
  return Object.fromEntries(v2Schema.fields.map((f) => [f.name, body[f.name]]));
}

const NEW_IN_V3 = {
  tenantId: null,
  escrowId: null,
  escrowReleaseBy: null,
  stepUpChallengeId: null,
  payeeKey: null,
};

describe('risk-decision.avsc', () => {
  it.each([
    ['held', held],
    ['scored', scored],
    ['bare', bare],
  ])('accepts the %s event as toAvroJson writes it', (_, event) => {
    expect(invalidPaths(current, toAvroJson(event))).toEqual([]);
  });

  it('refuses a bare union value and an undeclared field (the check can fail)', () => {
    expect(invalidPaths(current, { ...toAvroJson(held), payeeKey: 'not-wrapped' })).toEqual([
      'payeeKey',
    ]);
    expect(invalidPaths(current, { ...toAvroJson(held), phoneNumber: '+27821230001' })).not.toEqual(
      [],
    );
  });

  it('adds fields only, each with a default, so every earlier revision resolves', () => {
    const old = new Set(v2Schema.fields.map((f) => f.name));
    const added = currentSchema.fields.filter((f) => !old.has(f.name));
    expect(added.map((f) => f.name)).toEqual(Object.keys(NEW_IN_V3));
    expect(added.every((f) => f.default === null)).toBe(true);
    for (const revision of Object.values(DECISION_AVSC_REVISIONS)) {
      expect(() => current.createResolver(typeOf(readSchema(revision)))).not.toThrow();
    }
  });

  it('would not resolve v2 if a new field had no default (the check can fail)', () => {
    const withoutDefault = {
      ...currentSchema,
      fields: currentSchema.fields.map((field) => {
        const { default: _default, ...withoutIt } = field;
        return field.name === 'payeeKey' ? withoutIt : field;
      }),
    };
    expect(() => typeOf(withoutDefault).createResolver(v2)).toThrow();
  });
});

describe('parseDecisionEvent', () => {
  it.each([
    ['held', held],
    ['bare', bare],
  ])('reads a %s v2 event, resolved by Avro, with the new fields at their defaults', (_, event) => {
    const body = aV2Body(event);
    expect(invalidPaths(v2, body)).toEqual([]);
    // Written with v2 (Avro binary), read with the current schema through the resolver.
    const written = v2.toBuffer(v2.fromString(JSON.stringify(body)));
    const resolved: unknown = JSON.parse(
      current.toString(current.fromBuffer(written, current.createResolver(v2))),
    );
    const expected = { ...event, ...NEW_IN_V3, schemaVersion: 2 };
    expect(parseDecisionEvent(resolved)).toEqual(expected);
    // A v2 message as Pub/Sub retained it (JSON, without the new fields) reads the same.
    expect(parseDecisionEvent(body)).toEqual(expected);
  });

  it.each([
    ['held', held],
    ['scored', scored],
    ['bare', bare],
  ])('round-trips a %s v3 event through Avro binary and JSON', (_, event) => {
    const json = JSON.stringify(toAvroJson(event));
    const decoded: unknown = current.fromBuffer(current.toBuffer(current.fromString(json)));
    expect(parseDecisionEvent(JSON.parse(current.toString(decoded)))).toEqual(event);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aDecisionRecord } from './testing/fixtures.ts';
import { DECISION_AVSC_PATH } from './avro-schema-paths.ts';
import { parseDecisionEvent, toAvroJson } from './avro-json.ts';
import { toDecisionEvent } from './decision-event.ts';
import { createPseudonymiser } from './pseudonymiser.ts';

interface AvroField {
  readonly name: string;
  readonly type: unknown;
}
const avsc = JSON.parse(readFileSync(DECISION_AVSC_PATH, 'utf8')) as { fields: AvroField[] };
const event = toDecisionEvent(aDecisionRecord(), createPseudonymiser('unit-test-pseudonym-key'));
const scored = {
  ...event,
  behaviorScore: 88.5,
  behaviorDistance: 7.25,
  behaviorBaselineVersion: 2,
};

describe('toAvroJson', () => {
  it('writes exactly the schema’s fields, in the schema’s order', () => {
    expect(Object.keys(toAvroJson(event))).toEqual(avsc.fields.map((f) => f.name));
  });

  it('wraps exactly the union-typed fields in their branch name', () => {
    const unions = avsc.fields.filter((f) => Array.isArray(f.type)).map((f) => f.name);
    expect(unions).toEqual([
      'escrowReason',
      'simSwapAgeHours',
      'behaviorScore',
      'behaviorDistance',
      'behaviorBaselineVersion',
      'tenantId',
      'escrowId',
      'escrowReleaseBy',
      'stepUpChallengeId',
      'payeeKey',
    ]);
    expect(toAvroJson(scored)).toMatchObject({
      escrowReason: { string: 'TELCO_SIGNAL_STALE' },
      simSwapAgeHours: { double: 3 },
      behaviorScore: { double: 88.5 },
      behaviorDistance: { double: 7.25 },
      behaviorBaselineVersion: { int: 2 },
      tenantId: { string: 'bank-a' },
      escrowId: { string: event.escrowId },
      escrowReleaseBy: { long: event.escrowReleaseBy },
      stepUpChallengeId: { string: event.decisionId },
      payeeKey: { string: event.payeeKey },
    });
    const bare = {
      ...event,
      escrowReason: null,
      simSwapAgeHours: null,
      escrowId: null,
      escrowReleaseBy: null,
      payeeKey: null,
    };
    expect(toAvroJson(bare)).toMatchObject({
      escrowReason: null,
      simSwapAgeHours: null,
      behaviorScore: null,
      behaviorDistance: null,
      behaviorBaselineVersion: null,
      escrowId: null,
      escrowReleaseBy: null,
      payeeKey: null,
    });
  });

  it('drops anything outside the schema', () => {
    const widened = { ...event, phoneNumber: '+27821230001' };
    expect(JSON.stringify(toAvroJson(widened))).not.toContain('+27821230001');
  });
});

describe('parseDecisionEvent', () => {
  it.each([
    ['without', event],
    ['with', scored],
  ])('reads back what toAvroJson wrote (%s a behaviour score)', (_, e) => {
    const body: unknown = JSON.parse(JSON.stringify(toAvroJson(e)));
    expect(parseDecisionEvent(body)).toEqual(e);
  });

  it('refuses a body that is not a decision event', () => {
    expect(() =>
      parseDecisionEvent({ ...toAvroJson(event), escrowReason: 'bare string' }),
    ).toThrow();
    expect(() => parseDecisionEvent({})).toThrow();
  });
});

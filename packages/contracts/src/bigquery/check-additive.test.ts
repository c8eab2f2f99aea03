import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DECISION_AVSC_PATH,
  DECISION_AVSC_REVISIONS,
  ESCROW_EVENT_AVSC_PATH,
  OUTCOME_AVSC_PATH,
  OUTCOME_AVSC_REVISIONS,
} from '../avro-schema-paths.ts';
import { asAvroRecord, type AvroField, type AvroRecord } from './avro-types.ts';
import { BIGQUERY_TABLE_SPECS, bigQueryTable } from './bigquery-table.ts';
import { checkAdditive } from './check-additive.ts';

const read = (url: URL) => asAvroRecord(JSON.parse(readFileSync(url, 'utf8')));
const decision = read(DECISION_AVSC_PATH);
const outcome = read(OUTCOME_AVSC_PATH);
const escrowEvent = read(ESCROW_EVENT_AVSC_PATH);

const withFields = (schema: AvroRecord, fields: readonly AvroField[]): AvroRecord => ({
  ...schema,
  fields,
});
const replace = (
  schema: AvroRecord,
  name: string,
  by: (field: AvroField) => AvroField | undefined,
) =>
  withFields(
    schema,
    schema.fields.flatMap((field) => {
      if (field.name !== name) {
        return [field];
      }
      const next = by(field);
      return next === undefined ? [] : [next];
    }),
  );
const added = (schema: AvroRecord, field: AvroField) =>
  withFields(schema, [...schema.fields, field]);
const reasonsWith = (fields: readonly AvroField[]) =>
  replace(decision, 'reasons', (field) => ({
    ...field,
    type: { type: 'array', items: { type: 'record', name: 'Reason', fields } },
  }));
const withEnum = (symbols: readonly string[]) =>
  added(decision, {
    name: 'kind',
    type: ['null', { type: 'enum', name: 'Kind', symbols }],
    default: null,
  });

describe('checkAdditive', () => {
  it.each(Object.entries(DECISION_AVSC_REVISIONS))(
    'passes every committed revision pair: risk-decision v%s → current',
    (_, revision) => {
      expect(checkAdditive(read(revision), decision)).toEqual([]);
    },
  );

  it.each(Object.entries(OUTCOME_AVSC_REVISIONS))(
    'passes every committed revision pair: risk-outcome v%s → current',
    (_, revision) => {
      expect(checkAdditive(read(revision), outcome)).toEqual([]);
    },
  );

  it('fails risk-outcome v1 → current if source were a required string (the check can fail)', () => {
    const required = replace(outcome, 'source', (field) => ({ ...field, type: 'string' }));
    const changes = checkAdditive(read(OUTCOME_AVSC_REVISIONS[1]), required);
    expect(changes.map((c) => c.path)).toEqual(['source']);
    expect(changes[0]?.message).toMatch(/NULLABLE or REPEATED/);
  });

  it.each([
    ['risk-decision', decision],
    ['risk-outcome', outcome],
    ['escrow-event', escrowEvent],
  ])('passes %s against itself', (_, schema) => {
    expect(checkAdditive(schema, schema)).toEqual([]);
  });

  it('passes additive changes: a nullable field, an array with a default, a new enum symbol, required → nullable', () => {
    const before = withEnum(['A']);
    const after = replace(
      added(
        added(withEnum(['A', 'B']), { name: 'note', type: ['null', 'string'], default: null }),
        {
          name: 'tags',
          type: { type: 'array', items: 'string' },
          default: [],
        },
      ),
      'channel',
      (field) => ({ ...field, type: ['null', 'string'], default: null }),
    );
    expect(checkAdditive(before, after)).toEqual([]);
  });

  it.each<[string, AvroRecord, AvroRecord, { path: string; message: RegExp }[]]>([
    [
      'a removed field',
      decision,
      replace(decision, 'ipKey', () => undefined),
      [{ path: 'ipKey', message: /field removed/ }],
    ],
    [
      'a renamed field',
      decision,
      replace(decision, 'ipKey', (field) => ({ ...field, name: 'ipHash' })),
      [
        { path: 'ipKey', message: /field removed/ },
        { path: 'ipHash', message: /without a default/ },
        { path: 'ipHash', message: /NULLABLE or REPEATED/ },
      ],
    ],
    [
      'a changed type',
      decision,
      replace(decision, 'riskScore', (field) => ({ ...field, type: 'double' })),
      [{ path: 'riskScore', message: /type changed from int to double/ }],
    ],
    [
      'a changed logical type',
      decision,
      replace(decision, 'decidedAt', (field) => ({
        ...field,
        type: { type: 'long', logicalType: 'timestamp-millis' },
      })),
      [{ path: 'decidedAt', message: /long:timestamp-micros to long:timestamp-millis/ }],
    ],
    [
      'reordered union branches',
      decision,
      replace(decision, 'escrowReason', (field) => ({ ...field, type: ['string', 'null'] })),
      [{ path: 'escrowReason', message: /type changed/ }],
    ],
    [
      'a new field without a default',
      decision,
      added(decision, { name: 'mcc', type: ['null', 'string'] }),
      [{ path: 'mcc', message: /new field without a default/ }],
    ],
    [
      'a new required field (even with a default)',
      decision,
      added(decision, { name: 'mcc', type: 'string', default: '' }),
      [{ path: 'mcc', message: /BigQuery adds only NULLABLE or REPEATED columns \(is string\)/ }],
    ],
    [
      'nullable → required',
      decision,
      replace(decision, 'escrowReason', ({ default: _default, ...field }) => ({
        ...field,
        type: 'string',
      })),
      [{ path: 'escrowReason', message: /nullable became required/ }],
    ],
    [
      'an enum symbol removed',
      withEnum(['A', 'B']),
      withEnum(['A']),
      [{ path: 'kind', message: /enum symbol B removed/ }],
    ],
    [
      'a field removed inside a nested record',
      decision,
      reasonsWith([{ name: 'code', type: 'string' }]),
      [{ path: 'reasons[].weight', message: /field removed/ }],
    ],
    [
      'a nested field added without a default',
      decision,
      reasonsWith([
        { name: 'code', type: 'string' },
        { name: 'weight', type: 'int' },
        { name: 'rule', type: ['null', 'string'] },
      ]),
      [{ path: 'reasons[].rule', message: /without a default/ }],
    ],
    [
      'a renamed record',
      outcome,
      { ...outcome, name: 'StepUpOutcome' },
      [{ path: '', message: /record renamed from RiskOutcome to StepUpOutcome/ }],
    ],
  ])('fails %s with a clear message', (_, before, after, expected) => {
    const changes = checkAdditive(before, after);
    expect(changes).toHaveLength(expected.length);
    expected.forEach((want, i) => {
      expect(changes[i]?.path).toBe(want.path);
      expect(changes[i]?.message).toMatch(want.message);
    });
  });
});

describe('an additive change reaches the table', () => {
  it('a field added with a default appears in the generated table schema, as NULLABLE, before the metadata', () => {
    const field: AvroField = {
      name: 'merchantKey',
      type: ['null', 'string'],
      default: null,
      doc: 'Pseudonym.',
    };
    const evolved = added(decision, field);
    expect(checkAdditive(decision, evolved)).toEqual([]);
    const before = bigQueryTable(BIGQUERY_TABLE_SPECS.decisions, decision).schema.fields;
    const after = bigQueryTable(BIGQUERY_TABLE_SPECS.decisions, evolved).schema.fields;
    expect(before.map((f) => f.name)).not.toContain('merchantKey');
    const at = after.findIndex((f) => f.name === 'merchantKey');
    expect(after[at]).toEqual({
      name: 'merchantKey',
      type: 'STRING',
      mode: 'NULLABLE',
      description: 'Pseudonym.',
    });
    expect(after[at + 1]?.name).toBe('subscription_name');
    expect(after.filter((f) => f.name !== 'merchantKey')).toEqual(before);
  });
});

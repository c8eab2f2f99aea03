import { readFileSync } from 'node:fs';
import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { ESCROW_EVENT_AVSC_PATH } from './avro-schema-paths.ts';
import { escrowEventId, type EscrowEvent } from './escrow.ts';
import { escrowEventToAvroJson, parseEscrowEvent } from './escrow-event.ts';
import { at, hours, minutes } from './testing/fixtures.ts';

interface AvroField {
  readonly name: string;
  readonly type: unknown;
  readonly doc?: string;
}
const avsc = JSON.parse(readFileSync(ESCROW_EVENT_AVSC_PATH, 'utf8')) as {
  name: string;
  namespace: string;
  fields: AvroField[];
};
// wrapUnions: a union value names its branch, exactly as in Avro's JSON encoding.
const type = avro.Type.forSchema(avsc as unknown as avro.Schema, { wrapUnions: true });

const escrowId = '0193c5f0-0000-7000-8000-0000000000e1';
const held: EscrowEvent = {
  eventId: escrowEventId(escrowId, 1),
  type: 'escrow.held',
  tenantId: 'bank-a',
  escrowId,
  decisionId: '0193c5f0-0000-7000-8000-0000000000d1',
  transactionId: 'tx-42',
  status: 'HELD',
  reason: 'TELCO_SIGNAL_UNAVAILABLE',
  cause: null,
  amountMinor: 150_000,
  currency: 'ZAR',
  heldAt: at(0),
  releaseBy: at(hours(24)),
  occurredAt: at(0),
  sequence: 1,
};
const released: EscrowEvent = {
  ...held,
  eventId: escrowEventId(escrowId, 2),
  type: 'escrow.released',
  status: 'RELEASED',
  cause: 'STEP_UP_PASSED',
  occurredAt: at(minutes(3) + 1),
  sequence: 2,
};
const expired: EscrowEvent = {
  ...released,
  type: 'escrow.expired',
  status: 'EXPIRED',
  cause: 'HOLD_EXPIRED',
  occurredAt: at(hours(24)),
};

/** Where the schema finds `body` invalid, as field paths (empty: valid). */
function invalidPaths(body: unknown): string[] {
  const paths: string[] = [];
  type.isValid(body, { noUndeclaredFields: true, errorHook: (path) => paths.push(path.join('.')) });
  return paths;
}

describe('escrow-event.avsc', () => {
  it('is the record sentinel.risk.v1.EscrowEvent: one field per EscrowEvent field, in order, then schemaVersion, each documented', () => {
    expect(`${avsc.namespace}.${avsc.name}`).toBe('sentinel.risk.v1.EscrowEvent');
    expect(avsc.fields.map((f) => f.name)).toEqual([...Object.keys(held), 'schemaVersion']);
    expect(avsc.fields.filter((f) => (f.doc ?? '') === '')).toEqual([]);
    expect(avsc.fields.filter((f) => Array.isArray(f.type)).map((f) => f.name)).toEqual(['cause']);
  });

  it('carries no personal data', () => {
    const names = avsc.fields.map((f) => f.name.toLowerCase());
    expect(names.filter((n) => /user|phone|msisdn|name|account/.test(n))).toEqual([]);
  });
});

describe('escrowEventToAvroJson / parseEscrowEvent', () => {
  it.each([
    ['held', held],
    ['released', released],
    ['expired', expired],
  ])('writes a valid %s body in schema order and reads it back equal', (_, event) => {
    const json = escrowEventToAvroJson(event);
    expect(Object.keys(json)).toEqual(avsc.fields.map((f) => f.name));
    expect(invalidPaths(json)).toEqual([]);
    expect(json.schemaVersion).toBe(1);
    expect(parseEscrowEvent(JSON.parse(JSON.stringify(json)))).toEqual(event);
  });

  it('writes times as timestamp-micros and the cause in its union branch', () => {
    expect(escrowEventToAvroJson(released)).toMatchObject({
      cause: { string: 'STEP_UP_PASSED' },
      heldAt: at(0).getTime() * 1000,
      releaseBy: at(hours(24)).getTime() * 1000,
      occurredAt: (at(0).getTime() + minutes(3) + 1) * 1000,
    });
    expect(escrowEventToAvroJson(held).cause).toBeNull();
  });

  it('round-trips through Avro binary', () => {
    const json = JSON.stringify(escrowEventToAvroJson(released));
    const decoded: unknown = type.fromBuffer(type.toBuffer(type.fromString(json)));
    expect(parseEscrowEvent(JSON.parse(type.toString(decoded)))).toEqual(released);
  });

  it('drops anything outside the schema', () => {
    const widened = { ...held, userId: 'u-alice', phoneNumber: '+27821230001' };
    const text = JSON.stringify(escrowEventToAvroJson(widened));
    expect(text).not.toContain('u-alice');
    expect(text).not.toContain('+27821230001');
  });

  it.each([
    ['a bare union value', { cause: 'STEP_UP_PASSED' }, ['cause']],
    ['a time in ISO form', { heldAt: '2025-03-01T10:00:00Z' }, ['heldAt']],
    ['a fractional amount', { amountMinor: 1.5 }, ['amountMinor']],
    // Strings in Avro (README: no enums), so only the parser knows the list.
    ['an unknown type', { type: 'escrow.paused' }, []],
    ['an unknown cause', { cause: { string: 'BECAUSE' } }, []],
  ])('refuses %s (Avro refuses it at %j)', (_, change, paths) => {
    const body = { ...escrowEventToAvroJson(released), ...change };
    expect(() => parseEscrowEvent(body)).toThrow();
    expect(invalidPaths(body)).toEqual(paths);
  });
});

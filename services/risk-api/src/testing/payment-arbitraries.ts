// fast-check arbitraries of assess-payment bodies, shared by the HTTP fuzzing (fuzz.test.ts) and the
// compiled validator's equality proof (assess-body-validator.test.ts): valid payments, mutations of
// them into JSON text a client might send, and near-valid bodies one boundary away from valid.
import { CHANNELS, LOCATION_SOURCES } from '@sentinel/engine';
import fc from 'fast-check';
import { ALICE } from './harness.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

// --- valid payments -------------------------------------------------------------------------

export const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
export const featureName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,63}$/);
// Any UTF-16 code unit, so lone surrogates too: the schema limits length, not characters.
export const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u));
export const anyText = (maxLength: number) => fc.string({ unit: codeUnit, maxLength });

/** A valid assess-payment body, as JSON.parse gives it (Alice's ids or random ones). */
export const validPaymentBody: fc.Arbitrary<JsonObject> = fc
  .record({
    transactionId: fc.stringMatching(/^[A-Za-z0-9._:-]{1,100}$/),
    userId: fc.oneof(fc.constant(ALICE.userId), fc.stringMatching(/^[A-Za-z0-9][\w.:@-]{0,127}$/)),
    phoneNumber: fc.oneof(fc.constant(ALICE.phoneNumber), fc.stringMatching(/^\+[1-9]\d{4,14}$/)),
    amount: fc.record({
      minor: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
      currency: fc.constantFrom('ZAR', 'USD', 'EUR', 'JPY', 'KWD'),
    }),
    channel: fc.constantFrom(...CHANNELS),
    payee: opt(
      fc.record({ accountId: anyText(128).filter((s) => s !== ''), isNew: opt(fc.boolean()) }),
    ),
    device: fc.record({
      id: fc.oneof(
        fc.constant(ALICE.deviceId),
        anyText(256).filter((s) => s !== ''),
      ),
      imei: opt(fc.stringMatching(/^\d{14,16}$/)),
      platform: opt(anyText(64)),
      appVersion: opt(anyText(64)),
    }),
    ipAddress: fc.oneof(fc.ipV4(), fc.ipV6()),
    location: opt(
      fc.record({
        lat: fc.double({ min: -90, max: 90, noNaN: true }),
        lon: fc.double({ min: -180, max: 180, noNaN: true }),
        accuracyM: opt(fc.double({ min: 0, max: 20_000_000, noNaN: true })),
        source: fc.constantFrom(...LOCATION_SOURCES),
      }),
    ),
    behavior: opt(
      fc.record({
        sessionId: opt(anyText(128)),
        features: fc.dictionary(featureName, fc.double({ noNaN: true, noDefaultInfinity: true }), {
          maxKeys: 128,
        }),
      }),
    ),
    telcoUsage: opt(
      fc.dictionary(
        featureName,
        fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), anyText(256), fc.boolean()),
        { maxKeys: 64 },
      ),
    ),
    occurredAt: opt(
      fc
        .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString()),
    ),
  })
  // JSON has no `undefined`: drop absent optionals.
  .map((p) => JSON.parse(JSON.stringify(p)) as JsonObject);

// --- mutations --------------------------------------------------------------------------------

/** JSON text that JSON.stringify cannot produce, spliced in for a placeholder string. */
export const RAW_NUMBERS = [
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '1e400',
  '-1e400',
  '0x10',
  'undefined',
];
export const POLLUTING_KEYS = ['"__proto__"', '"constructor"', '"prototype"', '"\\u005f_proto__"'];
const DEPTH = 10_000;
// Deep values stay text: fast-check would overflow its stack printing them as values.
export const DEEP_ARRAYS = '['.repeat(DEPTH) + ']'.repeat(DEPTH);
export const DEEP_OBJECTS = '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH);

/** A JSON text fragment to put where a value was: wrong types, huge, deep, odd unicode. */
export const nasty: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc
    .constantFrom<Json>(0, -1, 1.5, 2 ** 53, -(2 ** 53), 1e308, -1e308, '', ' ', 'ZAR', true, null)
    .map((v) => JSON.stringify(v)),
  anyText(300).map((v) => JSON.stringify(v)),
  fc.string({ unit: 'grapheme', maxLength: 50 }).map((v) => JSON.stringify(v)),
  fc.integer({ min: 1_000, max: 70_000 }).map((n) => JSON.stringify('x'.repeat(n))),
  fc.constantFrom(DEEP_ARRAYS, DEEP_OBJECTS),
);

export type Path = readonly (string | number)[];

/** Every path to a value inside `value` (the root excluded). */
export function paths(value: Json, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') {
    return [];
  }
  const entries: [string | number, Json][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
}

/** Every plain object inside `value`, itself included. */
export function objectsIn(value: Json): JsonObject[] {
  if (value === null || typeof value !== 'object') {
    return [];
  }
  const children = Array.isArray(value) ? value : Object.values(value);
  return [...(Array.isArray(value) ? [] : [value]), ...children.flatMap(objectsIn)];
}

/** The container of the value at `path`, and the value's key in it. */
export function slot(
  root: JsonObject,
  path: Path,
): [Record<string | number, Json>, string | number] {
  let node = root as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) {
    node = node[key] as Record<string | number, Json>;
  }
  return [node, path.at(-1) ?? ''];
}

// Placeholders JSON.stringify writes verbatim (as escapes), replaced by raw text afterwards.
const VALUE = '\u0000value\u0000';
const KEY = '\u0000key\u0000';
export const splice = (body: JsonObject, value: string, key = '') =>
  JSON.stringify(body)
    // Replacer functions: in a replacement string `$&` and friends would mean something.
    .replace(JSON.stringify(VALUE), () => value)
    .replace(JSON.stringify(KEY), () => key);

/** Turns a valid body into the text to send; `pick(n)` chooses one of n places (0 ≤ i < n). */
export type Mutation = (body: JsonObject, pick: (n: number) => number) => string;

export const mutation: fc.Arbitrary<{ readonly name: string; readonly apply: Mutation }> = fc.oneof(
  nasty.map((value) => ({
    name: 'replace a value',
    apply: ((body, pick) => {
      const all = paths(body);
      const [node, key] = slot(body, all[pick(all.length)] ?? ['amount']);
      node[key] = VALUE;
      return splice(body, value);
    }) satisfies Mutation,
  })),
  fc.constant({
    name: 'delete a field',
    apply: ((body, pick) => {
      const fields = paths(body).filter((p) => typeof p.at(-1) === 'string');
      const [node, key] = slot(body, fields[pick(fields.length)] ?? ['amount']);
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- the mutation itself
      delete node[key];
      return JSON.stringify(body);
    }) satisfies Mutation,
  }),
  fc
    .tuple(
      fc.oneof(fc.string({ maxLength: 20 }), anyText(20), fc.constantFrom(...POLLUTING_KEYS)),
      nasty,
    )
    .map(([key, value]) => ({
      name: 'add a field',
      apply: ((body, pick) => {
        const objects = objectsIn(body);
        const target = objects[pick(objects.length)] ?? body;
        target[KEY] = VALUE;
        // The polluting keys are JSON text already (one of them escaped); the rest are names.
        return splice(body, value, POLLUTING_KEYS.includes(key) ? key : JSON.stringify(key));
      }) satisfies Mutation,
    })),
  fc.tuple(fc.constantFrom(...POLLUTING_KEYS), fc.boolean()).map(([key, nested]) => ({
    name: 'prototype pollution',
    apply: ((body) => {
      (nested ? (body['amount'] as JsonObject) : body)[KEY] = VALUE;
      return splice(body, '{"polluted":"yes","isAdmin":true}', key);
    }) satisfies Mutation,
  })),
  fc.constantFrom(...RAW_NUMBERS).map((token) => ({
    name: `raw ${token}`,
    apply: ((body, pick) => {
      const numbers = paths(body).filter((p) => {
        const [node, key] = slot(body, p);
        return typeof node[key] === 'number';
      });
      const [node, key] = slot(body, numbers[pick(numbers.length)] ?? ['amount', 'minor']);
      node[key] = VALUE;
      return splice(body, token);
    }) satisfies Mutation,
  })),
  fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }).map((cut) => ({
    name: 'truncated',
    apply: ((body) => {
      const text = JSON.stringify(body);
      return text.slice(0, Math.floor(text.length * cut));
    }) satisfies Mutation,
  })),
  fc.constantFrom<{ readonly name: string; readonly apply: Mutation }>(
    { name: 'deep arrays', apply: () => DEEP_ARRAYS },
    { name: 'deep objects', apply: () => DEEP_OBJECTS },
    // JSON.parse keeps the last of duplicate keys: this one is still a valid payment.
    { name: 'duplicate key', apply: (b) => JSON.stringify(b).replace('{', '{"amount":1,') },
    { name: 'byte order mark', apply: (b) => `\ufeff${JSON.stringify(b)}` },
    { name: 'an array', apply: (b) => JSON.stringify([b]) },
    { name: 'a string', apply: (b) => JSON.stringify(JSON.stringify(b)) },
    { name: 'empty', apply: () => '' },
  ),
);

import { Timestamp } from '@google-cloud/firestore';
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { compiledSchema } from './parse-document.ts';
import { HOT_READ_DOCUMENTS } from './testing/hot-read-documents.ts';

const at = Timestamp.fromMillis(1_764_000_000_123);

/** The schema's answer: its value, or its issues. */
function outcome(schema: z.ZodType, input: unknown) {
  const r = schema.safeParse(input);
  return r.success
    ? { value: r.data }
    : { issues: r.error.issues.map((i) => [i.code, i.path, i.message]) };
}

// What a field may hold instead: every JSON type, a Timestamp, a Date, the texts of enums and dates.
const replacement = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom<unknown>(
    undefined,
    null,
    Number.NaN,
    -0,
    1.5,
    at,
    new Date(0),
    'WEBAUTHN',
    'APPROVE',
    'GPS',
    '2025-02-30T00:00:00.000Z',
    '2025-01-01T10:00:00+02:00',
    '2025-01-01',
    [],
    {},
  ),
);

/** The value with one change at `path` (indices into the keys met on the way): set or delete. */
function changed(value: unknown, path: readonly number[], to: unknown, remove: boolean): unknown {
  if (typeof value !== 'object' || value === null || path.length === 0) {
    return to;
  }
  if (Array.isArray(value)) {
    const items: unknown[] = [...(value as unknown[])];
    if (items.length === 0) {
      return [to];
    }
    const index = (path[0] ?? 0) % items.length;
    if (path.length === 1 && remove) {
      items.splice(index, 1);
    } else {
      items[index] = changed(items[index], path.slice(1), to, remove);
    }
    return items;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) {
    return { extra: to };
  }
  const index = (path[0] ?? 0) % entries.length;
  const [key, inner] = entries[index] as [string, unknown];
  return Object.fromEntries(
    path.length === 1 && remove
      ? entries.filter((_, i) => i !== index)
      : entries.map((e, i) => (i === index ? [key, changed(inner, path.slice(1), to, remove)] : e)),
  );
}

describe('compiled document schemas (parse-document.ts)', () => {
  it.each(
    HOT_READ_DOCUMENTS.map(({ name, schema, example }) => ({ name, schema, valid: example })),
  )('read $name as zod reads it: the same value, or the same issues', ({ schema, valid }) => {
    expect(outcome(schema, valid)).toHaveProperty('value');
    const compiled = compiledSchema(schema);
    expect(compiled).not.toBe(schema);
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat(7), { minLength: 1, maxLength: 5 }), { maxLength: 3 }),
        fc.array(replacement, { minLength: 3, maxLength: 3 }),
        fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
        (paths, tos, removes) => {
          let input = valid;
          paths.forEach((path, k) => {
            input = changed(input, path, tos[k], removes[k] ?? false);
          });
          const mine = outcome(compiled, input);
          const zods = outcome(schema, input);
          expect(isDeepStrictEqual(mine, zods), JSON.stringify({ input, mine, zods })).toBe(true);
        },
      ),
      { numRuns: 1_500 },
    );
  });
});

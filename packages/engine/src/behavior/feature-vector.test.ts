import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BEHAVIOR_FEATURE_NAMES,
  BEHAVIOR_FEATURES,
  BEHAVIOR_SCHEMA_VERSION,
  FEATURE_GROUPS,
} from './feature-schema.ts';
import { toFeatureVector } from './feature-vector.ts';

const complete = () => Object.fromEntries(BEHAVIOR_FEATURE_NAMES.map((name, i) => [name, i / 10]));
const without = (...names: string[]) => {
  const map = complete();
  for (const name of names) {
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- building a partial snapshot
    delete map[name];
  }
  return map;
};
const MEANS = BEHAVIOR_FEATURE_NAMES.map(() => 42);

describe('feature schema', () => {
  it('has SPEC §6’s 55 features in 8 groups of the stated sizes, in group order', () => {
    expect(BEHAVIOR_SCHEMA_VERSION).toBe('sentinel-55/1');
    expect(BEHAVIOR_FEATURES).toHaveLength(55);
    expect(new Set(BEHAVIOR_FEATURE_NAMES).size).toBe(55);
    const counts: Record<string, number> = {};
    for (const f of BEHAVIOR_FEATURES) {
      counts[f.group] = (counts[f.group] ?? 0) + 1;
    }
    expect(counts).toEqual(FEATURE_GROUPS);
    expect(Object.values(FEATURE_GROUPS)).toEqual([8, 10, 8, 9, 8, 4, 5, 3]);
    const groupsInOrder = [...new Set(BEHAVIOR_FEATURES.map((f) => f.group))];
    expect(groupsInOrder).toEqual(Object.keys(FEATURE_GROUPS));
    expect(BEHAVIOR_FEATURE_NAMES.every((n) => /^[a-z][a-z0-9_]*$/.test(n))).toBe(true);
    expect(BEHAVIOR_FEATURES.filter((f) => f.categorical)).toHaveLength(7);
  });

  it('puts the features the issue names where SHIELD has them', () => {
    expect(BEHAVIOR_FEATURES[51]).toEqual({
      name: 'time_since_last_seen_hours',
      group: 'device_trust',
      categorical: false,
    });
    expect(BEHAVIOR_FEATURE_NAMES[0]).toBe('tap_pressure_mean');
    expect(BEHAVIOR_FEATURE_NAMES[54]).toBe('scroll_wheel_event_count');
  });

  // Names, order, groups and flags must match SHIELD's reference (services/engine/reference/shield).
  const reference = new URL('../../reference/shield/features.json', import.meta.url);
  it('matches SHIELD’s features.json exactly', () => {
    const json = JSON.parse(readFileSync(reference, 'utf8')) as {
      features: { index: number; name: string; group: string; categorical: boolean }[];
    };
    expect(
      json.features.map(({ name, group, categorical }) => ({ name, group, categorical })),
    ).toEqual(BEHAVIOR_FEATURES);
  });
});

describe('toFeatureVector', () => {
  it('orders a complete map by the schema', () => {
    const shuffled = Object.fromEntries(Object.entries(complete()).reverse());
    const result = toFeatureVector(shuffled);
    expect(result).toEqual({
      ok: true,
      vector: BEHAVIOR_FEATURE_NAMES.map((_, i) => i / 10),
      imputed: [],
    });
  });

  it('lists every problem: unknown names, non-finite values, missing names', () => {
    const map: Record<string, number> = {
      ...without('error_rate', 'mouse_speed_cv'),
      typing_speed: 1,
    };
    map['words_per_minute'] = Number.NaN;
    map['tap_pressure_mean'] = Number.POSITIVE_INFINITY;
    const result = toFeatureVector(map);
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([
      {
        code: 'BEHAVIOR.NON_FINITE',
        feature: 'tap_pressure_mean',
        message: 'must be a finite number',
      },
      {
        code: 'BEHAVIOR.NON_FINITE',
        feature: 'words_per_minute',
        message: 'must be a finite number',
      },
      { code: 'BEHAVIOR.UNKNOWN_FEATURE', feature: 'typing_speed', message: 'unknown feature' },
      {
        code: 'BEHAVIOR.MISSING_FEATURE',
        feature: 'error_rate',
        message: 'missing (2 missing, at most 0 may be)',
      },
      {
        code: 'BEHAVIOR.MISSING_FEATURE',
        feature: 'mouse_speed_cv',
        message: 'missing (2 missing, at most 0 may be)',
      },
    ]);
  });

  it('rejects a value that is not a number at all (the edge should have caught it)', () => {
    const map = { ...complete(), error_rate: '0.1' } as unknown as Record<string, number>;
    expect(toFeatureVector(map).issues).toEqual([
      { code: 'BEHAVIOR.NON_FINITE', feature: 'error_rate', message: 'must be a finite number' },
    ]);
  });

  it('does not take inherited names for features, nor __proto__ for one', () => {
    const map = JSON.parse('{"__proto__": 1, "toString": 2}') as Record<string, number>;
    const result = toFeatureVector({ ...complete(), ...map });
    expect(result.issues?.map((i) => i.feature)).toEqual(['__proto__', 'toString']);
  });

  it('imputes up to maxMissing absent features from the given values, and names them', () => {
    const result = toFeatureVector(without('mouse_speed_cv', 'tap_pressure_std'), {
      impute: { values: MEANS, maxMissing: 2 },
    });
    expect(result.ok).toBe(true);
    expect(result.imputed).toEqual(['tap_pressure_std', 'mouse_speed_cv']);
    expect(result.vector?.[1]).toBe(42);
    expect(result.vector?.[53]).toBe(42);
    expect(result.vector?.[0]).toBe(0);
  });

  it('reports every missing feature when more are missing than may be imputed', () => {
    const result = toFeatureVector(without('error_rate', 'mouse_speed_cv', 'tap_pressure_std'), {
      impute: { values: MEANS, maxMissing: 2 },
    });
    expect(result.ok).toBe(false);
    expect(result.issues).toHaveLength(3);
    expect(result.issues?.[0]).toMatchObject({
      code: 'BEHAVIOR.MISSING_FEATURE',
      message: 'missing (3 missing, at most 2 may be)',
    });
  });

  it('never imputes over a non-finite or unknown value', () => {
    const result = toFeatureVector(
      { ...without('error_rate'), tap_pressure_mean: Number.NaN },
      { impute: { values: MEANS, maxMissing: 5 } },
    );
    expect(result.issues?.map((i) => i.code)).toEqual(['BEHAVIOR.NON_FINITE']);
  });

  it('works on any schema (e.g. CSV columns)', () => {
    expect(toFeatureVector({ b: 2, a: 1 }, { features: ['a', 'b'] }).vector).toEqual([1, 2]);
  });

  it('throws (a bug) when impute values do not match the schema', () => {
    expect(() => toFeatureVector(complete(), { impute: { values: [1], maxMissing: 1 } })).toThrow(
      RangeError,
    );
  });
});

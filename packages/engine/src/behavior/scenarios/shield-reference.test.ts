import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadShieldReference, SHIELD_REFERENCE_DIR } from '../../testing/shield-files.ts';
import { BEHAVIOR_FEATURE_NAMES } from '../feature-schema.ts';
import {
  parseShieldReference,
  SHIELD_ATTACKS,
  type ShieldReferenceFiles,
} from './shield-reference.ts';

const FILES = ['features', 'legitimate', ...SHIELD_ATTACKS];
const raw = (): Record<string, unknown> =>
  Object.fromEntries(
    FILES.map((name) => [
      name,
      JSON.parse(readFileSync(join(SHIELD_REFERENCE_DIR, `${name}.json`), 'utf8')) as unknown,
    ]),
  );
const at = (name: string) => BEHAVIOR_FEATURE_NAMES.indexOf(name);

describe('parseShieldReference', () => {
  it('reads SHIELD’s profiles into distributions in Sentinel’s schema order', () => {
    const reference = loadShieldReference();
    const legit = reference.legitimate;
    expect(legit).toMatchObject({ id: 'legitimate', preAuth: false, withinPersonVariance: 0.08 });
    expect(legit.features).toHaveLength(55);
    expect(legit.features[at('inter_key_delay_mean')]).toEqual({
      dist: 'normal',
      params: { mean: 180, std: 15 },
    });
    expect(legit.features[at('time_of_day_hour')]).toMatchObject({
      dist: 'choice',
      params: { values: [9, 10, 18, 19, 20] },
    });
    // The seven constants of the legitimate profile (zero variance in training).
    expect(legit.features.filter((f) => f.dist === 'constant')).toHaveLength(7);
    const s1 = reference.attacks.scenario_1;
    expect(s1).toMatchObject({ name: 'New Phone + SIM', withinPersonVariance: 0 });
    expect(s1.features[at('time_since_last_seen_hours')]).toMatchObject({
      params: { mean: 9999, std: 1 },
    });
    expect(reference.attacks.scenario_5.fleetDeviceId).toBe('ATTACKER_DEVICE_FLEET_001');
    expect(reference.attacks.scenario_6).toMatchObject({ preAuth: true, features: [] });
  });

  it('fails with every problem listed, never throws', () => {
    const files: ShieldReferenceFiles = { ...raw(), scenario_3: undefined };
    const broken = raw();
    const legit = broken['legitimate'] as { features: Record<string, unknown> };
    legit.features['tap_pressure_mean'] = { dist: 'uniform', params: {} };
    const features = broken['features'] as { features: { name: string }[] };
    features.features.reverse();
    expect(parseShieldReference(files).issues).toEqual([
      {
        file: 'scenario_3',
        path: '',
        message: 'missing or not a JSON object of the expected format',
      },
    ]);
    const issues = parseShieldReference(broken).issues ?? [];
    expect(issues.map((i) => `${i.file} ${i.path}`)).toEqual([
      'features features',
      'legitimate features.tap_pressure_mean.dist',
    ]);
  });

  it.each([
    ['a feature missing', (f: Record<string, unknown>) => delete f['mouse_speed_cv']],
    [
      'an unknown feature',
      (f: Record<string, unknown>) =>
        (f['pupil_size'] = { dist: 'constant', params: { value: 1 } }),
    ],
  ])('rejects a profile with %s', (_, change) => {
    const broken = raw();
    change((broken['scenario_2'] as { features: Record<string, unknown> }).features);
    expect(parseShieldReference(broken).issues).toEqual([
      {
        file: 'scenario_2',
        path: 'features',
        message: 'names or order differ from Sentinel’s 55-feature schema',
      },
    ]);
  });

  it('rejects a profile filed under another id', () => {
    const broken = { ...raw(), scenario_4: raw()['scenario_1'] };
    expect(parseShieldReference(broken).issues).toEqual([
      { file: 'scenario_4', path: 'id', message: 'is "scenario_1", expected "scenario_4"' },
    ]);
  });

  it('says where the data was expected when the directory is missing', () => {
    expect(() => loadShieldReference('/nonexistent/shield')).toThrow(
      /SHIELD reference data not found in \/nonexistent\/shield \(missing features\.json, .*scenario_6\.json\); it is kept at packages\/engine\/reference\/shield/,
    );
  });
});

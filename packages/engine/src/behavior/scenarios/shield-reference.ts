import { z } from 'zod';
import { formatIssuePath } from '../../policy/issue-path.ts';
import { BEHAVIOR_FEATURE_NAMES } from '../feature-schema.ts';

/** SHIELD's attack scenarios (reference/shield/scenario_N.json); 6 is the pre-auth SIM probe. */
export const SHIELD_ATTACKS = [
  'scenario_1',
  'scenario_2',
  'scenario_3',
  'scenario_4',
  'scenario_5',
  'scenario_6',
] as const;
export type ShieldAttack = (typeof SHIELD_ATTACKS)[number];
export type ScenarioId = 'legitimate' | ShieldAttack;

/** How one feature is drawn: SHIELD's `{dist, params}`. */
export type FeatureDistribution =
  | { readonly dist: 'normal'; readonly params: { readonly mean: number; readonly std: number } }
  | { readonly dist: 'choice'; readonly params: { readonly values: readonly number[] } }
  | { readonly dist: 'constant'; readonly params: { readonly value: number } };

/** One SHIELD profile, checked against Sentinel's 55-feature schema. */
export interface ShieldProfile {
  readonly id: ScenarioId;
  readonly name: string;
  /** Scenario 6: fires before authentication, so no behaviour session exists. */
  readonly preAuth: boolean;
  /** One distribution per feature in schema order; empty for a pre-auth profile. */
  readonly features: readonly FeatureDistribution[];
  /** SHIELD's ±jitter on legitimate draws (0.08); 0 for attacks. */
  readonly withinPersonVariance: number;
  /** Scenario 5: the attacker device shared across accounts (`_fleet_fingerprint`). */
  readonly fleetDeviceId?: string;
}

/** The whole reference: the legitimate profile and the six attacks. */
export interface ShieldReference {
  readonly legitimate: ShieldProfile;
  readonly attacks: Readonly<Record<ShieldAttack, ShieldProfile>>;
}

/** The parsed JSON files by name without `.json`: `features`, `legitimate`, `scenario_1` … `scenario_6`. */
export type ShieldReferenceFiles = Readonly<Record<string, unknown>>;

export interface ShieldReferenceIssue {
  readonly file: string;
  readonly path: string;
  readonly message: string;
}

export type ParseShieldReferenceResult =
  | { readonly ok: true; readonly reference: ShieldReference; readonly issues?: never }
  | {
      readonly ok: false;
      readonly issues: readonly ShieldReferenceIssue[];
      readonly reference?: never;
    };

const DistributionSchema = z.discriminatedUnion('dist', [
  z.object({
    dist: z.literal('normal'),
    params: z.strictObject({ mean: z.number(), std: z.number().nonnegative() }),
  }),
  z.object({
    dist: z.literal('choice'),
    params: z.strictObject({ values: z.array(z.number()).min(1) }),
  }),
  z.object({ dist: z.literal('constant'), params: z.strictObject({ value: z.number() }) }),
]);

// Upstream metadata (source, description, origin, …) is allowed and ignored.
const ProfileSchema = z.object({
  format: z.literal('shield-profile/v1'),
  id: z.string(),
  name: z.string(),
  pre_auth: z.boolean().optional(),
  generation: z.object({ within_person_variance: z.number().min(0).max(1) }).optional(),
  features: z.record(z.string(), DistributionSchema),
  extras: z.object({ _fleet_fingerprint: z.string().min(1).optional() }).optional(),
});

const FeaturesSchema = z.object({
  format: z.literal('shield-features/v1'),
  features: z.array(z.object({ index: z.number().int(), name: z.string() })),
});

/**
 * Checks SHIELD's reference JSON (already parsed: the engine reads no files) and turns each
 * profile into distributions in Sentinel's schema order. Lists every problem: a file missing, a
 * shape upstream never had, feature names or order that differ from `BEHAVIOR_SCHEMA`.
 */
export function parseShieldReference(files: ShieldReferenceFiles): ParseShieldReferenceResult {
  const issues: ShieldReferenceIssue[] = [];
  const features = FeaturesSchema.safeParse(files['features']);
  if (!features.success) {
    issues.push(...zodIssues('features', features.error));
  } else {
    const names = features.data.features.map((f) => f.name);
    if (names.join() !== BEHAVIOR_FEATURE_NAMES.join()) {
      issues.push({
        file: 'features',
        path: 'features',
        message: 'names or order differ from Sentinel’s 55-feature schema',
      });
    }
  }
  const profile = (id: ScenarioId): ShieldProfile | undefined => {
    const parsed = ProfileSchema.safeParse(files[id]);
    if (!parsed.success) {
      issues.push(...zodIssues(id, parsed.error));
      return undefined;
    }
    return toProfile(id, parsed.data, issues);
  };
  const legitimate = profile('legitimate');
  const attacks = SHIELD_ATTACKS.map((id) => [id, profile(id)] as const);
  if (legitimate === undefined || issues.length > 0) {
    return { ok: false, issues };
  }
  return {
    ok: true,
    reference: {
      legitimate,
      attacks: Object.fromEntries(attacks) as Record<ShieldAttack, ShieldProfile>,
    },
  };
}

function toProfile(
  id: ScenarioId,
  data: z.infer<typeof ProfileSchema>,
  issues: ShieldReferenceIssue[],
): ShieldProfile | undefined {
  const before = issues.length;
  if (data.id !== id) {
    issues.push({ file: id, path: 'id', message: `is "${data.id}", expected "${id}"` });
  }
  const preAuth = data.pre_auth === true;
  const names = Object.keys(data.features);
  if (preAuth ? names.length > 0 : names.join() !== BEHAVIOR_FEATURE_NAMES.join()) {
    issues.push({
      file: id,
      path: 'features',
      message: preAuth
        ? 'a pre-auth profile has no features'
        : 'names or order differ from Sentinel’s 55-feature schema',
    });
  }
  if (issues.length > before) {
    return undefined;
  }
  const fleetDeviceId = data.extras?._fleet_fingerprint;
  return {
    id,
    name: data.name,
    preAuth,
    features: names.map((name) => data.features[name] as FeatureDistribution),
    withinPersonVariance: data.generation?.within_person_variance ?? 0,
    ...(fleetDeviceId === undefined ? {} : { fleetDeviceId }),
  };
}

function zodIssues(file: string, error: z.ZodError): ShieldReferenceIssue[] {
  if (error.issues.length === 1 && error.issues[0]?.path.length === 0) {
    return [{ file, path: '', message: 'missing or not a JSON object of the expected format' }];
  }
  return error.issues.map((i) => ({ file, path: formatIssuePath(i.path), message: i.message }));
}

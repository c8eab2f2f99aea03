import { z } from 'zod';
import { FeatureName } from '../http/schemas.ts';
import { UserIdSchema } from '../http/schemas.ts';

/**
 * What the console's demo page needs besides the API: the seeded customers to sign in as, and
 * behavioural snapshots (SHIELD's scenarios as the engine's generator draws them: the customer's
 * own session, `scenario_1` … `scenario_5`). npm start puts them after seeding; the page reads them.
 * Until the behaviour SDK lands, the payment app sends these snapshots with its payments.
 */
export const DemoFixturesSchema = z.strictObject({
  customers: z
    .array(
      z.strictObject({
        userId: UserIdSchema,
        name: z.string().min(1).max(64),
      }),
    )
    .max(20),
  snapshots: z
    .record(
      z.string().regex(/^[a-z0-9_]{1,32}$/),
      z.record(FeatureName, z.number().refine(Number.isFinite, 'must be finite')),
    )
    .refine((s) => Object.keys(s).length <= 16, 'at most 16 snapshots'),
});

export type DemoFixtures = z.infer<typeof DemoFixturesSchema>;

/** The fixtures per tenant, in this process (the demo runs one risk-api). */
export function createDemoFixtures() {
  const byTenant = new Map<string, DemoFixtures>();
  return {
    get: (tenant: string): DemoFixtures => byTenant.get(tenant) ?? { customers: [], snapshots: {} },
    put: (tenant: string, fixtures: DemoFixtures) => void byTenant.set(tenant, fixtures),
  };
}

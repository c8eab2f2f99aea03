// firestore.rules denies every client: services use server credentials, which bypass rules. Run
// against the emulator with @firebase/rules-unit-testing; withSecurityRulesDisabled shows the same
// documents exist and are readable, so every denial below is the rules' doing.
import { readFileSync } from 'node:fs';
import {
  assertFails,
  initializeTestEnvironment,
  type RulesTestContext,
  type RulesTestEnvironment,
} from '@firebase/rules-unit-testing';
import { setLogLevel } from 'firebase/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorHosts, splitHost, uniqueProjectId } from './support/emulator-env.ts';

const DOCS = [
  'users/alice',
  'users/alice/devices/phone-1',
  'simSwapSignals/+27821230001',
  'decisions/tx-1',
  'policies/default',
  // Issue 4: behaviour and fleet state.
  'behaviorSessions/alice',
  'behaviorBaselines/alice',
  'behaviorBaselines/alice/versions/0000000001',
  'deviceSightings/3f1c2a',
  'accountFreezes/alice',
  // Issue 10: customer data under its tenant.
  'tenants/bank-a/users/alice',
  'tenants/bank-a/userHistory/alice',
  'tenants/bank-a/behaviorBaselines/alice/versions/0000000001',
  'tenants/bank-a/deviceSightings/3f1c2a',
  'tenants/bank-a/accountFreezes/alice',
  'tenants/bank-a/decisions/tx-1',
  'tenants/bank-a/policies/active',
];
const COLLECTIONS = [
  'users',
  'simSwapSignals',
  'decisions',
  'policies',
  'behaviorSessions',
  'behaviorBaselines',
  'deviceSightings',
  'accountFreezes',
  'tenants',
  'tenants/bank-a/users',
  'tenants/bank-a/decisions',
];
const SEED = { seededBy: 'rules-test', amountMinor: 1250 };

let env: RulesTestEnvironment;

beforeAll(async () => {
  // Denied writes make the client SDK log the stream error; the assertions below cover them.
  setLogLevel('silent');
  env = await initializeTestEnvironment({
    projectId: uniqueProjectId('rules'),
    firestore: {
      ...splitHost(emulatorHosts().firestore),
      rules: readFileSync(new URL('../firestore.rules', import.meta.url), 'utf8'),
    },
  });
  await env.withSecurityRulesDisabled(async (admin) => {
    await Promise.all(DOCS.map((path) => admin.firestore().doc(path).set(SEED)));
  });
});

afterAll(async () => {
  await env.cleanup();
});

const clients: [string, () => RulesTestContext][] = [
  ['an unauthenticated client', () => env.unauthenticatedContext()],
  ['a signed-in client', () => env.authenticatedContext('alice')],
  ['a client whose token claims admin', () => env.authenticatedContext('eve', { admin: true })],
];

describe.each(clients)('%s', (_name, context) => {
  it.each(DOCS)('cannot read %s', async (path) => {
    const error: unknown = await assertFails(context().firestore().doc(path).get());
    expect(error).toMatchObject({ code: 'permission-denied' });
  });

  it.each(COLLECTIONS)('cannot list %s', async (name) => {
    await assertFails(context().firestore().collection(name).get());
  });

  it.each(['users', 'decisions', 'accountFreezes'])(
    'cannot query %s across tenants (collection group)',
    async (name) => {
      await assertFails(context().firestore().collectionGroup(name).get());
    },
  );

  it.each(DOCS)('cannot create, update or delete %s', async (path) => {
    const db = context().firestore();
    await assertFails(db.doc(`${path}-new`).set({ amountMinor: 1 }));
    await assertFails(db.doc(path).update({ amountMinor: 0 }));
    await assertFails(db.doc(path).delete());
  });
});

it('leaves the seeded documents untouched and readable with rules disabled', async () => {
  await env.withSecurityRulesDisabled(async (admin) => {
    const db = admin.firestore();
    for (const path of DOCS) {
      expect((await db.doc(path).get()).data()).toEqual(SEED);
      expect((await db.doc(`${path}-new`).get()).exists).toBe(false);
    }
  });
});

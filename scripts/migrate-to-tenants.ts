// Moves a pre-tenancy Firestore database to the tenant layout (docs/architecture.md, "Migrating
// documents to the tenant layout"). Dry run by default:
//   node scripts/migrate-to-tenants.ts --project <id> --tenant <tenant> [--apply [--delete-old]]
import { parseArgs } from 'node:util';
import { Firestore } from '@google-cloud/firestore';
import { firestoreSettings, migrateToTenants } from '@sentinel/store';

const { values } = parseArgs({
  options: {
    project: { type: 'string' },
    tenant: { type: 'string' },
    apply: { type: 'boolean', default: false },
    'delete-old': { type: 'boolean', default: false },
  },
});
if (values.project === undefined || values.tenant === undefined) {
  process.stderr.write(
    'usage: node scripts/migrate-to-tenants.ts --project <id> --tenant <tenant> [--apply [--delete-old]]\n',
  );
  process.exit(2);
}
const db = new Firestore(firestoreSettings({ projectId: values.project }));
try {
  const report = await migrateToTenants(db, {
    tenant: values.tenant,
    apply: values.apply,
    deleteOld: values['delete-old'],
  });
  process.stdout.write(
    `${values.apply ? 'migrated' : 'would migrate (dry run; --apply to write)'}: ${JSON.stringify(report)}\n`,
  );
} finally {
  await db.terminate();
}

// What a document's form costs on Firestore (issue 17, fifth session): the risk-api's own store
// calls — a delivery's history write, the hot path's snapshot read, a decision's record and a
// record read back — once with the documents as maps (SENTINEL_FIRESTORE_DOCUMENTS=maps, as
// releases before wrote them) and once as JSON text, round by round on one emulator. Prints
// per call the emulator's CPU (its process group, from /proc) and this process's (the client's
// encoding, decoding and parsing).
// `npm run bench:documents [-- --rounds 4 --calls 1500]`; starts its own emulators. The emulator's
// JIT warms through the first rounds: compare the forms within a round, the later rounds first.
import { Firestore } from '@google-cloud/firestore';
import { parseArgs } from 'node:util';
import { aDecisionRecord } from '@sentinel/contracts/testing';
import {
  FirestoreDecisionLog,
  FirestoreRiskStateStore,
  firestoreSettings,
  type DocumentForm,
  type TenantId,
} from '@sentinel/store';
import { startEmulators } from '../../scripts/emulators.ts';
import { cpuMs, untilQuiet } from './process-cpu.ts';
import { freePort } from './servers.ts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '4' },
    calls: { type: 'string', default: '1500' },
  },
});
const ROUNDS = Number(values.rounds);
const CALLS = Number(values.calls);
const USERS = 200;
const IN_FLIGHT = 20;
const TENANT: TenantId = 'bench';
const PHONE = '+27821230001';
const out = (s = ''): boolean => process.stdout.write(s + '\n');

const emulators = await startEmulators({
  firestorePort: await freePort(),
  pubsubPort: await freePort(),
  projectId: `demo-documents-${Date.now()}`,
});
const group = emulators.processGroups.firestore;
if (group === null) {
  throw new Error('the Firestore emulator has no process group to read its CPU from');
}
process.env['FIRESTORE_EMULATOR_HOST'] = emulators.firestoreHost;
const emulatorCpu = () => cpuMs({ groups: [group] });
const clientCpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1_000;
};

/** `calls` operations, `IN_FLIGHT` at a time; CPU µs per call of the emulator and of this process. */
async function measure(op: (i: number) => Promise<unknown>) {
  // The emulator's JVM works on after a phase (its collections): start once it is quiet again.
  await untilQuiet(emulatorCpu, { windowMs: 300, quietMs: 5, maxMs: 10_000 });
  const [emulator0, client0] = [emulatorCpu(), clientCpu()];
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < CALLS) {
        await op(next++);
      }
    }),
  );
  return {
    emulatorUs: Math.round(((emulatorCpu() - emulator0) * 1_000) / CALLS),
    clientUs: Math.round(((clientCpu() - client0) * 1_000) / CALLS),
  };
}

const db = new Firestore(firestoreSettings({ projectId: `demo-documents-${Date.now()}` }));
const rows: string[] = [];
try {
  for (let round = 1; round <= ROUNDS; round++) {
    // Each round swaps the order, so neither form always meets a warmer emulator.
    const forms: DocumentForm[] = round % 2 === 1 ? ['maps', 'text'] : ['text', 'maps'];
    for (const form of forms) {
      // A tenant per round and form: every history starts empty and fills to its twenty payments.
      const tenant: TenantId = `${TENANT}-${round}-${form}`;
      const state = new FirestoreRiskStateStore(db, { documentForm: form }).forTenant(tenant);
      const log = new FirestoreDecisionLog(db, { documentForm: form });
      const user = (i: number) => `user-${i % USERS}`;
      // Twenty payments for each customer first: the histories the measured calls see are full.
      for (let n = 0; n < 20; n++) {
        await Promise.all(
          Array.from({ length: USERS }, (_, u) =>
            state.applyHistory({
              userId: user(u),
              payment: {
                decisionId: `warm-${n}-${u}`,
                at: new Date(Date.UTC(2026, 11, 6, 12, n)),
                amount: { minor: 10_000 + n, currency: 'ZAR' },
                payeeAccountId: `payee-${n % 7}`,
                action: 'APPROVE',
              },
            }),
          ),
        );
      }
      const historyWrite = await measure((i) =>
        state.applyHistory({
          userId: user(i),
          payment: {
            decisionId: `d-${i}`,
            at: new Date(Date.UTC(2026, 11, 6, 13, 0, i)),
            amount: { minor: 20_000 + i, currency: 'ZAR' },
            payeeAccountId: `payee-${i % 7}`,
            action: 'APPROVE',
          },
        }),
      );
      const snapshotRead = await measure((i) =>
        state.readSnapshot(user(i), PHONE, { timeoutMs: 30_000, deviceId: `device-${i % USERS}` }),
      );
      const records = Array.from({ length: CALLS }, () => aDecisionRecord({ clientId: tenant }));
      const record = await measure((i) => log.record(records[i] ?? aDecisionRecord()));
      const recordRead = await measure((i) =>
        log.get(tenant, records[i]?.decision.decisionId ?? ''),
      );
      const cell = (m: { emulatorUs: number; clientUs: number }) =>
        `${m.emulatorUs} · ${m.clientUs}`;
      rows.push(
        `| ${round} | ${form} | ${cell(historyWrite)} | ${cell(snapshotRead)} | ${cell(record)} | ${cell(recordRead)} |`,
      );
      out(rows.at(-1));
    }
  }
} finally {
  await db.terminate();
  await emulators.stop();
}

out();
out(
  `CPU µs per call, emulator · client (this process), ${CALLS} calls of each, ${IN_FLIGHT} in flight, ` +
    `${USERS} customers with full histories (twenty payments); each round swaps the forms' order.`,
);
out(
  '| round | form | history write (delivery) | snapshot read (hot path, seven documents) | decision record (batch of three creates) | record read |',
);
out('|---|---|---|---|---|---|');
for (const row of rows) {
  out(row);
}

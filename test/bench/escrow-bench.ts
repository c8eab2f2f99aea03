// The escrow on the emulators (issue 12), two numbers beside their floor measured in the same run:
// - hold creation, event to HELD: a raw Pub/Sub push of a decision event into escrowOnDecision
//   (functions-framework's own server on loopback) until it answers — the hold's transaction,
//   escrow.held published on escrow-events and its delivery recorded. Floor: one bare Firestore
//   transaction (read one document, write it) on the same emulator.
// - sweep throughput: 10,000 holds past releaseBy expired by one sweep, each transition's event
//   published and its delivery recorded. Floor: the same number of bare transactions at the
//   sweep's concurrency (16).
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Firestore } from '@google-cloud/firestore';
import * as ff from '@google-cloud/functions-framework';
import { PubSub } from '@google-cloud/pubsub';
import {
  createPseudonymiser,
  escrowRules,
  newHold,
  toAvroJson,
  toDecisionEvent,
  type DecisionRecord,
  type Escrow,
} from '@sentinel/contracts';
import { aDecisionRecord } from '@sentinel/contracts/testing';
import { DEFAULT_POLICY } from '@sentinel/engine';
import {
  composeTestEscrow,
  ensureTestEscrowTopics,
  escrowFunctionsServer,
  registerEscrowFunctions,
} from '@sentinel/escrow/testing';
import { createLogger, systemClock, workThrough } from '@sentinel/kernel';
import { escrowRef, FirestoreDecisionLog, firestoreSettings, toEscrowData } from '@sentinel/store';
import { summarise } from './stats.ts';

const TENANT = 'bench';

export interface EscrowBench {
  readonly holdCreation: { readonly n: number; readonly p50Ms: number; readonly p99Ms: number };
  readonly holdFloor: { readonly n: number; readonly p50Ms: number; readonly p99Ms: number };
  readonly sweep: {
    readonly holds: number;
    readonly seconds: number;
    readonly holdsPerSec: number;
  };
  readonly sweepFloor: { readonly n: number; readonly txPerSec: number };
}

function heldRecord(decidedAt: Date, releaseBy?: Date): DecisionRecord & { hold: Escrow } {
  const base = aDecisionRecord({ decisionId: randomUUID(), clientId: TENANT, decidedAt });
  const escrowId = randomUUID();
  const decision = {
    ...base.decision,
    escrow: {
      status: 'HELD' as const,
      escrowId,
      reason: 'TELCO_SIGNAL_UNAVAILABLE',
      releaseBy: (releaseBy ?? new Date(decidedAt.getTime() + 86_400_000)).toISOString(),
    },
  };
  const hold = newHold({
    decision,
    userId: base.userId,
    phoneNumber: base.phoneNumber,
    amount: base.amount,
    channel: base.channel,
    heldAt: decidedAt,
    rules: escrowRules(DEFAULT_POLICY),
  });
  if (hold === null) {
    throw new Error('no hold');
  }
  return { ...base, decision, hold };
}

export async function runEscrowBench(opts: {
  readonly projectId: string;
  readonly events: number;
  readonly holds: number;
  readonly log: (line: string) => void;
}): Promise<EscrowBench> {
  const { projectId, log } = opts;
  const db = new Firestore({
    ...firestoreSettings({ projectId }),
    ignoreUndefinedProperties: true,
  });
  const pubsub = new PubSub({ projectId });
  const escrow = composeTestEscrow({ db, pubsub, projectId, clock: systemClock });
  await ensureTestEscrowTopics(pubsub);
  registerEscrowFunctions(ff, {
    service: escrow.service,
    fetch: escrow.app.fetch,
    deadLetters: escrow.deadLetters,
    logger: createLogger({ level: 'error', service: 'escrow-bench' }),
  });
  const server = escrowFunctionsServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events/decisions/projects/${projectId}/topics/risk-decisions`;
  try {
    // Hold creation: decisions recorded as the risk-api records them (hold in the commit), then
    // each decision event pushed as Pub/Sub pushes it.
    const log1 = new FirestoreDecisionLog(db);
    const pseudonymise = createPseudonymiser('bench-pseudonym-key-0123456789');
    const records: DecisionRecord[] = [];
    for (let i = 0; i < opts.events; i++) {
      const record = heldRecord(new Date());
      await log1.record(record);
      records.push(record);
    }
    const samples: number[] = [];
    const started = performance.now();
    for (const record of records) {
      const data = Buffer.from(JSON.stringify(toAvroJson(toDecisionEvent(record, pseudonymise))));
      const body = JSON.stringify({
        message: {
          data: data.toString('base64'),
          attributes: { escrowHeld: 'true' },
          messageId: randomUUID(),
        },
        subscription: `projects/${projectId}/subscriptions/bench`,
      });
      const t0 = performance.now();
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      await res.arrayBuffer();
      if (!res.ok) {
        throw new Error(`push answered ${res.status}`);
      }
      samples.push(performance.now() - t0);
    }
    const creation = summarise(samples, performance.now() - started);
    const check = await escrow.service.get(TENANT, records[0]?.decision.escrow?.escrowId ?? '');
    if (check.eventCount !== 1) {
      throw new Error('the hold was not announced');
    }

    // Its floor: one read-and-write transaction on one document.
    const floorRef = db.collection('benchFloor').doc('one');
    await floorRef.set({ n: 0 });
    const floorSamples: number[] = [];
    const floorStarted = performance.now();
    for (let i = 0; i < opts.events; i++) {
      const t0 = performance.now();
      await db.runTransaction(async (tx) => {
        const snap = await tx.get(floorRef);
        tx.update(floorRef, { n: ((snap.get('n') as number | undefined) ?? 0) + 1 });
      });
      floorSamples.push(performance.now() - t0);
    }
    const floor = summarise(floorSamples, performance.now() - floorStarted);
    log(
      `  escrow hold creation (event → HELD, n=${creation.n}): p50 ${creation.p50Ms} p99 ${creation.p99Ms} ms; floor (one transaction): p50 ${floor.p50Ms} p99 ${floor.p99Ms} ms`,
    );

    // Sweep: holds past releaseBy, written in batches as the risk-api's commits write them.
    const past = new Date(Date.now() - 60_000);
    for (let i = 0; i < opts.holds; i += 500) {
      const batch = db.batch();
      for (let j = i; j < Math.min(opts.holds, i + 500); j++) {
        const { hold } = heldRecord(new Date(past.getTime() - 86_400_000), past);
        batch.create(escrowRef(db, TENANT, hold.escrowId), toEscrowData(hold));
      }
      await batch.commit();
    }
    const sweepStarted = performance.now();
    let expired = 0;
    for (;;) {
      const report = await escrow.service.sweep();
      expired += report.expired;
      if (report.expired === 0) {
        break;
      }
    }
    const sweepSeconds = (performance.now() - sweepStarted) / 1000;
    if (expired < opts.holds) {
      throw new Error(`the sweep expired ${expired} of ${opts.holds}`);
    }
    // Its floor: as many bare transactions at the sweep's concurrency, each on its own document.
    const floorN = Math.min(opts.holds, 2_000);
    const refs = Array.from({ length: floorN }, (_, i) => db.collection('benchFloor').doc(`d${i}`));
    const txStarted = performance.now();
    await workThrough(
      refs,
      { concurrency: 16, maxFailuresInARow: 5 },
      async (ref) => {
        await db.runTransaction(async (tx) => {
          const snap = await tx.get(ref);
          tx.set(ref, { n: ((snap.get('n') as number | undefined) ?? 0) + 1 });
        });
      },
      () => undefined,
    );
    const txPerSec = Math.round(floorN / ((performance.now() - txStarted) / 1000));
    const holdsPerSec = Math.round(expired / sweepSeconds);
    log(
      `  escrow sweep: ${expired} holds expired and published in ${sweepSeconds.toFixed(1)} s (${holdsPerSec} holds/s); floor: ${txPerSec} bare transactions/s at concurrency 16`,
    );
    return {
      holdCreation: { n: creation.n, p50Ms: creation.p50Ms, p99Ms: creation.p99Ms },
      holdFloor: { n: floor.n, p50Ms: floor.p50Ms, p99Ms: floor.p99Ms },
      sweep: { holds: expired, seconds: Math.round(sweepSeconds * 10) / 10, holdsPerSec },
      sweepFloor: { n: floorN, txPerSec },
    };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await Promise.all([pubsub.close(), db.terminate()]);
  }
}

export function renderEscrowBench(b: EscrowBench | undefined): string[] {
  if (b === undefined) {
    return [];
  }
  return [
    'Escrow (issue 12) on the emulators. Hold creation: a raw Pub/Sub push of a decision event into `escrowOnDecision` (functions-framework on loopback) until it answers — the hold’s transaction (the event names the hold), then one delivery round: claim (a read and a conditional write), escrow.held published, one batch recording it; floor: one bare read-and-write transaction. Sweep: one sweep expiring holds past `releaseBy`, each event published; floor: bare transactions at the sweep’s concurrency (16). Each expiry is one transaction and one such delivery round.',
    '',
    '| escrow | n | p50 ms | p99 ms | throughput | vs floor |',
    '|---|---|---|---|---|---|',
    `| hold creation (event → HELD) | ${b.holdCreation.n} | ${b.holdCreation.p50Ms} | ${b.holdCreation.p99Ms} | – | p50 ${(b.holdCreation.p50Ms / b.holdFloor.p50Ms).toFixed(1)} × |`,
    `| floor: one transaction | ${b.holdFloor.n} | ${b.holdFloor.p50Ms} | ${b.holdFloor.p99Ms} | – | – |`,
    `| sweep: expire + publish | ${b.sweep.holds} | – | – | ${b.sweep.holdsPerSec} holds/s (${b.sweep.seconds} s) | ${Math.round((b.sweep.holdsPerSec / b.sweepFloor.txPerSec) * 100)} % of floor tx/s |`,
    `| floor: bare transactions, c=16 | ${b.sweepFloor.n} | – | – | ${b.sweepFloor.txPerSec} tx/s | – |`,
    '',
  ];
}

import { createServer, type Server, type Socket } from 'node:net';
import { Firestore } from '@google-cloud/firestore';
import { FakeClock } from '@sentinel/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueProjectId } from '../../../../test/support/emulator-env.ts';
import { StoreUnavailableError } from '../ports/payer-snapshots.ts';
import { FirestoreRiskStateStore } from './firestore-risk-state-store.ts';
import { firestoreSettings } from './firestore-settings.ts';
import { StoredDocumentInvalidError } from './parse-document.ts';

// A server that accepts connections and never answers: the worst kind of outage for a client
// that retries, because nothing ever fails.
let blackhole: Server;
let blackholeHost: string;
const sockets = new Set<Socket>();

/** A client aimed at `host` (the emulator variable is read once, by the constructor). */
function clientFor(host: string): Firestore {
  const saved = process.env['FIRESTORE_EMULATOR_HOST'];
  process.env['FIRESTORE_EMULATOR_HOST'] = host;
  try {
    // Short RPC deadlines so the abandoned calls also end, and terminate() can finish.
    return new Firestore(
      firestoreSettings({ projectId: uniqueProjectId('snapshot-fail'), readRpcTimeoutMs: 200 }),
    );
  } finally {
    process.env['FIRESTORE_EMULATOR_HOST'] = saved;
  }
}

const clients: Firestore[] = [];

beforeAll(async () => {
  blackhole = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
  const address = blackhole.address();
  blackholeHost = `127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
});

afterAll(async () => {
  await Promise.all(clients.map((db) => db.terminate()));
  for (const socket of sockets) {
    socket.destroy();
  }
  await new Promise((resolve) => blackhole.close(resolve));
});

describe('FirestoreRiskStateStore when the store misbehaves', () => {
  it.each([
    ['never answers', () => blackholeHost],
    ['refuses connections', () => '127.0.0.1:1'],
  ])('gives up with StoreUnavailableError when the store %s', async (_, host) => {
    // Not terminated: terminate() while the client still retries the abandoned read makes the
    // library reject a promise it dropped (`void this._clientPool.run` in requestStream), an
    // unhandled rejection. The short RPC deadline ends those retries on their own.
    const db = clientFor(host());
    const clock = new FakeClock();
    const platform = new FirestoreRiskStateStore(db, { clock });
    const store = platform.forTenant('t-a');
    const read = store.readSnapshot('user-1', '+27821230001', { timeoutMs: 250 });
    const ping = platform.ping({ timeoutMs: 250 });
    read.catch(() => undefined);
    ping.catch(() => undefined);
    // The deadline decides, not the client's own (far longer) retries.
    clock.advance(250);
    await expect(read).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(read).rejects.toThrow(/no answer within 250 ms/);
    await expect(ping).rejects.toMatchObject({ code: 'RISK.DEPENDENCY_UNAVAILABLE' });
  });

  it('reports a stored document that fails its schema by path, without its values', async () => {
    const db = new Firestore({ projectId: uniqueProjectId('snapshot-invalid') });
    clients.push(db);
    await db
      .doc('tenants/t-a/users/user-bad')
      .set({ userId: 'user-bad', phoneNumber: 27821230001 });
    const store = new FirestoreRiskStateStore(db).forTenant('t-a');
    const failure = store.readSnapshot('user-bad', '+27821230001', { timeoutMs: 5_000 });
    await expect(failure).rejects.toBeInstanceOf(StoredDocumentInvalidError);
    await expect(failure).rejects.toThrow(
      /^tenants\/t-a\/users\/user-bad is invalid at phoneNumber, devices/,
    );
    await expect(failure).rejects.not.toThrow(/27821230001/);
  });
});

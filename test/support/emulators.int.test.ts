// The harness itself: hosts reach the workers, project ids isolate, clearFirestore clears one
// project only, and startEmulators refuses a port that is already serving.
import { afterAll, describe, expect, it } from 'vitest';
import {
  EmulatorError,
  INSTALL_HINT,
  checkPrerequisites,
  clearFirestore,
  startEmulators,
} from '../../scripts/emulators.ts';
import { emulatorHosts, splitHost, uniqueProjectId } from './emulator-env.ts';

const hosts = emulatorHosts();

/** The emulator's REST API; `Bearer owner` is its admin credential (bypasses rules). */
async function firestoreRest(projectId: string, path: string, init: RequestInit = {}) {
  const url = `http://${hosts.firestore}/v1/projects/${projectId}/databases/(default)/documents/${path}`;
  const res = await fetch(url, {
    ...init,
    headers: { Authorization: 'Bearer owner', 'Content-Type': 'application/json' },
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { documents?: unknown[] };
}

async function countDocs(projectId: string, collection: string): Promise<number> {
  return (await firestoreRest(projectId, collection)).documents?.length ?? 0;
}

describe('emulator env', () => {
  it('reaches the test workers through process.env and inject alike', () => {
    expect(process.env['FIRESTORE_EMULATOR_HOST']).toBe(hosts.firestore);
    expect(process.env['PUBSUB_EMULATOR_HOST']).toBe(hosts.pubsub);
    expect(splitHost(hosts.firestore)).toEqual({
      host: '127.0.0.1',
      port: Number(hosts.firestore.split(':')[1]),
    });
  });

  it('both emulators answer', async () => {
    for (const host of [hosts.firestore, hosts.pubsub]) {
      expect(await (await fetch(`http://${host}/`)).text()).toBe('Ok\n');
    }
  });

  it('uniqueProjectId gives fresh demo- ids and rejects unsafe prefixes', () => {
    const a = uniqueProjectId('risk');
    expect(a).toMatch(/^demo-risk-[0-9a-f]{8}$/);
    expect(uniqueProjectId('risk')).not.toBe(a);
    expect(() => uniqueProjectId('Risk/../x')).toThrow(/prefix/);
  });
});

describe('clearFirestore', () => {
  const cleared = uniqueProjectId('clear');
  const kept = uniqueProjectId('kept');
  afterAll(() => clearFirestore(hosts.firestore, kept));

  it('deletes every document of one project and nothing of another', async () => {
    for (const projectId of [cleared, kept]) {
      for (const id of ['a', 'b']) {
        const body = JSON.stringify({ fields: { n: { integerValue: '1' } } });
        await firestoreRest(projectId, `users?documentId=${id}`, { method: 'POST', body });
      }
      await firestoreRest(projectId, 'users/a/devices?documentId=d', {
        method: 'POST',
        body: '{}',
      });
    }
    expect(await countDocs(cleared, 'users')).toBe(2);

    await clearFirestore(hosts.firestore, cleared);

    expect(await countDocs(cleared, 'users')).toBe(0);
    expect(await countDocs(cleared, 'users/a/devices')).toBe(0);
    expect(await countDocs(kept, 'users')).toBe(2);
    expect(await countDocs(kept, 'users/a/devices')).toBe(1);
  });
});

describe('startEmulators preflight', () => {
  it('refuses a port that already serves an emulator, without starting anything', async () => {
    const { port } = splitHost(hosts.firestore);
    const attempt = startEmulators({ firestorePort: port, pubsubPort: 1, projectId: 'demo-x' });
    await expect(attempt).rejects.toThrow(EmulatorError);
    await expect(attempt).rejects.toMatchObject({ code: 'EMULATOR.PORT_IN_USE' });
    await expect(attempt).rejects.toThrow(
      `127.0.0.1:${port} is in use (an emulator is already running there)`,
    );
  });

  it('says what to install when gcloud is not on PATH', () => {
    expect(() => {
      checkPrerequisites({ PATH: '/nonexistent' });
    }).toThrow(`gcloud is not on PATH. ${INSTALL_HINT}`);
    expect(INSTALL_HINT).toMatch(/Google Cloud CLI.*firestore-emulator.*pubsub-emulator.*Java/s);
  });
});

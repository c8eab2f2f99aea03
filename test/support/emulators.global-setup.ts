// vitest globalSetup of the `integration` project. Uses the emulators named by
// FIRESTORE_EMULATOR_HOST and PUBSUB_EMULATOR_HOST when both are set (fast local runs against
// `npm run emulators`); otherwise starts a private pair on free ports, exports the two variables to
// the test workers (see emulator-env.ts) and stops the pair in teardown. Fails loudly, with what to
// install, when gcloud or Java is missing: integration tests are never silently skipped.
import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';
import { EmulatorError, startEmulators } from '../../scripts/emulators.ts';
import type { EmulatorHosts } from './emulator-env.ts';

export default async function setup(
  project: TestProject,
): Promise<(() => Promise<void>) | undefined> {
  const env = process.env;
  const given = { firestore: env['FIRESTORE_EMULATOR_HOST'], pubsub: env['PUBSUB_EMULATOR_HOST'] };
  if (given.firestore && given.pubsub) {
    project.provide('emulatorHosts', { firestore: given.firestore, pubsub: given.pubsub });
    return undefined;
  }

  const started = performance.now();
  const emulators = await startOnFreePorts();
  const hosts: EmulatorHosts = { firestore: emulators.firestoreHost, pubsub: emulators.pubsubHost };
  env['FIRESTORE_EMULATOR_HOST'] = hosts.firestore;
  env['PUBSUB_EMULATOR_HOST'] = hosts.pubsub;
  project.provide('emulatorHosts', hosts);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(
    `emulators: Firestore ${hosts.firestore}, Pub/Sub ${hosts.pubsub} (started in ${seconds} s)\n`,
  );

  return async () => {
    delete env['FIRESTORE_EMULATOR_HOST'];
    delete env['PUBSUB_EMULATOR_HOST'];
    await emulators.stop();
  };
}

// A free port can be taken by someone else before the emulator binds it; try a fresh pair then.
async function startOnFreePorts(attempts = 3): ReturnType<typeof startEmulators> {
  for (let attempt = 1; ; attempt++) {
    const [firestorePort, pubsubPort] = await freePorts();
    try {
      return await startEmulators({ firestorePort, pubsubPort, projectId: 'demo-sentinel-test' });
    } catch (error) {
      if (
        !(error instanceof EmulatorError && error.code === 'EMULATOR.PORT_IN_USE') ||
        attempt >= attempts
      ) {
        throw error;
      }
    }
  }
}

async function freePorts(): Promise<[number, number]> {
  // Hold both listeners open together so the two ports differ.
  const servers = [createServer(), createServer()];
  const ports = await Promise.all(
    servers.map(
      (server) =>
        new Promise<number>((resolve, reject) => {
          server.once('error', reject).listen(0, '127.0.0.1', () => {
            const address = server.address();
            resolve(typeof address === 'object' && address !== null ? address.port : 0);
          });
        }),
    ),
  );
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return [ports[0] ?? 0, ports[1] ?? 0];
}

// How integration tests reach the emulators. The global setup (emulators.global-setup.ts) sets
// FIRESTORE_EMULATOR_HOST / PUBSUB_EMULATOR_HOST in the main process before the workers start;
// workers inherit that environment (verified with vitest 5.1.1, forks and threads pools), so
// @google-cloud/firestore and @google-cloud/pubsub find the emulators on their own. It also
// `provide`s the hosts, vitest's documented channel, which emulatorHosts() reads.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';

export interface EmulatorHosts {
  /** `127.0.0.1:PORT` */
  firestore: string;
  /** `127.0.0.1:PORT` */
  pubsub: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    emulatorHosts: EmulatorHosts;
  }
}

/** The emulators of this test run (the same values as the two *_EMULATOR_HOST variables). */
export function emulatorHosts(): EmulatorHosts {
  return inject('emulatorHosts');
}

/** `127.0.0.1:8681` → `{ host: '127.0.0.1', port: 8681 }` (for @firebase/rules-unit-testing). */
export function splitHost(hostPort: string): { host: string; port: number } {
  const at = hostPort.lastIndexOf(':');
  const port = Number(hostPort.slice(at + 1));
  if (at <= 0 || !Number.isInteger(port) || port <= 0) {
    throw new Error(`expected HOST:PORT, got "${hostPort}"`);
  }
  return { host: hostPort.slice(0, at), port };
}

/**
 * A fresh `demo-<prefix>-<random>` project id. The emulators keep data per project, so a test file
 * that uses its own project id is isolated from every other file running in parallel. `demo-`
 * ids never reach a real project.
 */
export function uniqueProjectId(prefix: string): string {
  if (!/^[a-z][a-z0-9-]*$/.test(prefix)) {
    throw new Error(`project id prefix must be lowercase letters, digits and "-": "${prefix}"`);
  }
  return `demo-${prefix}-${randomBytes(4).toString('hex')}`;
}

// npm start's Firestore and Pub/Sub: the emulators named by FIRESTORE_EMULATOR_HOST and
// PUBSUB_EMULATOR_HOST when both are set (`npm run emulators`, a test's global setup), else a
// pair started here; when they cannot start, in-memory adapters, said loudly.
import { startEmulators } from './emulators.ts';

export interface LocalEmulators {
  readonly store: 'firestore' | 'memory';
  readonly hosts: { firestore?: string; pubsub?: string };
  /** Stops the pair started here; undefined when none was. */
  readonly stop: (() => Promise<void>) | undefined;
}

export async function localEmulators(
  env: NodeJS.ProcessEnv,
  projectId: string,
  out: (line?: string) => void,
): Promise<LocalEmulators> {
  const firestore = env['FIRESTORE_EMULATOR_HOST'];
  const pubsub = env['PUBSUB_EMULATOR_HOST'];
  if (firestore && pubsub) {
    return { store: 'firestore', hosts: { firestore, pubsub }, stop: undefined };
  }
  try {
    const emulators = await startEmulators({
      firestorePort: Number(env['FIRESTORE_EMULATOR_PORT'] ?? 8681),
      pubsubPort: Number(env['PUBSUB_EMULATOR_PORT'] ?? 8685),
      projectId,
    });
    return {
      store: 'firestore',
      hosts: { firestore: emulators.firestoreHost, pubsub: emulators.pubsubHost },
      stop: () => emulators.stop(),
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    out('');
    out('!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!');
    out('!! The Firestore/Pub/Sub emulators could not start; running on IN-MEMORY adapters.');
    out('!! Nothing is persisted and no event reaches Pub/Sub. The API is complete.');
    out(`!! Reason: ${reason}`);
    out('!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!');
    return { store: 'memory', hosts: {}, stop: undefined };
  }
}

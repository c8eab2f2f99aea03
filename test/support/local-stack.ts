// npm start's stack for browser tests: scripts/start.ts itself, on free ports, on this run's
// emulators with a project of its own. Resolves once its walkthrough banner is printed (seeded).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { emulatorHosts, uniqueProjectId } from './emulator-env.ts';

const PORTS = [
  'RISK_API_PORT',
  'AUTH_PORT',
  'ESCROW_PORT',
  'SIMULATOR_PORT',
  'INGESTION_PORT',
  'FAKE_TWILIO_PORT',
  'WEBHOOK_RECEIVER_PORT',
] as const;

export interface LocalStack {
  /** The risk-api at `localhost` (WebAuthn needs a domain): the console's origin. */
  readonly console: string;
  readonly riskApi: string;
  readonly auth: string;
  readonly escrow: string;
  /** What the stack printed so far (for a failure's message). */
  readonly output: () => string;
  readonly stop: () => Promise<void>;
}

async function freePorts(count: number): Promise<number[]> {
  // All listeners open at once, so the ports differ.
  const servers: Server[] = Array.from({ length: count }, () => createServer());
  const ports = await Promise.all(
    servers.map(
      (s) =>
        new Promise<number>((resolve) => {
          s.listen(0, '127.0.0.1', () => {
            const address = s.address();
            resolve(typeof address === 'object' && address !== null ? address.port : 0);
          });
        }),
    ),
  );
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

export async function startLocalStack(timeoutMs = 110_000): Promise<LocalStack> {
  const ports = await freePorts(PORTS.length);
  const env: Record<string, string> = Object.fromEntries(
    PORTS.map((name, i) => [name, String(ports[i])]),
  );
  const hosts = emulatorHosts();
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [join(import.meta.dirname, '..', '..', 'scripts', 'start.ts')],
    {
      env: {
        ...process.env,
        ...env,
        FIRESTORE_EMULATOR_HOST: hosts.firestore,
        PUBSUB_EMULATOR_HOST: hosts.pubsub,
        GOOGLE_CLOUD_PROJECT: uniqueProjectId('console'),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`npm start's stack was not up in ${timeoutMs} ms:\n${output.slice(-4000)}`));
    }, timeoutMs);
    const check = () => {
      if (output.includes('Ctrl-C stops everything.')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (${code ?? 'signal'}):\n${output.slice(-4000)}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return {
    console: `http://localhost:${env['RISK_API_PORT']}`,
    riskApi: `http://127.0.0.1:${env['RISK_API_PORT']}`,
    auth: `http://localhost:${env['AUTH_PORT']}`,
    escrow: `http://127.0.0.1:${env['ESCROW_PORT']}`,
    output: () => output,
    stop,
  };
}

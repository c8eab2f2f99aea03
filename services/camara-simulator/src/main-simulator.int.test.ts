import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { uniqueProjectId } from '../../../test/support/emulator-env.ts';

// The composition root as a process: it listens, logs JSON lines, stops cleanly on SIGTERM and,
// started again on the same Firestore project, still knows what it was told.

const MAIN = new URL('./main.ts', import.meta.url).pathname;
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null) {
      child.kill('SIGKILL');
    }
  }
});

async function start(projectId: string) {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      SIMULATOR_STORE: 'firestore',
      GOOGLE_CLOUD_PROJECT: projectId,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const lines: Record<string, unknown>[] = [];
  const listening = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the simulator did not start')), 15_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      lines.push(entry);
      if (entry['message'] === 'CAMARA simulator listening') {
        clearTimeout(timer);
        resolve(entry['port'] as number);
      }
    });
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const base = `http://127.0.0.1:${await listening}`;
  return { child, lines, exited, base };
}

describe('main-simulator', () => {
  it('serves, stops on SIGTERM with exit 0, and remembers after a restart', async () => {
    const projectId = uniqueProjectId('telco-sim-main');
    const swappedAt = new Date(Date.now() - 3_600_000).toISOString();
    const first = await start(projectId);
    expect((await fetch(`${first.base}/readyz`)).status).toBe(200);
    const put = await fetch(`${first.base}/sim-swap/v2/demo/numbers/+27821234567`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ lastSwapAt: swappedAt }),
    });
    expect(put.status).toBe(201);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.lines.map((l) => l['message'])).toContain('shutting down');
    expect(first.lines.every((l) => typeof l['severity'] === 'string')).toBe(true);

    const second = await start(projectId);
    const res = await fetch(`${second.base}/sim-swap/v2/retrieve-date`, {
      method: 'POST',
      headers: { authorization: 'Bearer local-camara-token', 'content-type': 'application/json' },
      body: JSON.stringify({ phoneNumber: '+27821234567' }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ latestSimChange: swappedAt });
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});

// scripts/node24.mjs, the launcher every npm script goes through. The "old Node" is simulated by
// raising SENTINEL_NODE_FLOOR above the running Node; the "Node 24" it then re-runs on is a stub in
// a temporary cache that records each call and hands over to this Node.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const LAUNCHER = resolve(import.meta.dirname, '../../scripts/node24.mjs');
const dir = mkdtempSync(join(tmpdir(), 'node24-test-'));
const cache = join(dir, 'cache');
const stubBin = join(cache, 'node_modules', `node-${process.platform}-${process.arch}`, 'bin');
const stubLog = join(dir, 'stub.log');
mkdirSync(stubBin, { recursive: true });
writeFileSync(
  join(stubBin, 'node'),
  `#!/bin/sh\necho "$*" >> '${stubLog}'\nexec '${process.execPath}' "$@"\n`,
);
chmodSync(join(stubBin, 'node'), 0o755);
writeFileSync(stubLog, '');

/** Prints what it was given, then exits with the code in its first argument. */
const echo = join(dir, 'echo.mjs');
writeFileSync(
  echo,
  `process.stdout.write(JSON.stringify({ argv: process.argv.slice(2), path0: process.env.PATH.split('${delimiter}')[0] }));
process.exit(Number(process.argv[2]));`,
);
/** Says it is ready, answers SIGTERM by exiting 143, or kills itself with the signal it is given. */
const waiter = join(dir, 'waiter.mjs');
writeFileSync(
  waiter,
  `if (process.argv[2]) { process.kill(process.pid, process.argv[2]); }
process.on('SIGTERM', () => { process.stdout.write(' got SIGTERM'); process.exit(143); });
setInterval(() => undefined, 1000);
process.stdout.write('ready');`,
);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
}

/** Runs the launcher; `onStdout` sees the output as it arrives (and the child). */
function launch(
  args: string[],
  opts: { old: boolean; onStdout?: (text: string, kill: (s: NodeJS.Signals) => void) => void },
): Promise<Run> {
  const child = spawn(process.execPath, [LAUNCHER, ...args], {
    env: {
      ...process.env,
      SENTINEL_NODE_CACHE: cache,
      ...(opts.old ? { SENTINEL_NODE_FLOOR: '99' } : {}),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    opts.onStdout?.(stdout, (s) => child.kill(s));
  });
  return new Promise((done) => {
    child.on('close', (code, signal) => {
      done({ code, signal, stdout });
    });
  });
}

const stubCalls = () => readFileSync(stubLog, 'utf8').split('\n').filter(Boolean);

describe('node24 launcher', () => {
  it('on an old Node, re-runs a script on the cached Node 24 with the same arguments and exit code', async () => {
    const before = stubCalls().length;
    const run = await launch([echo, '7', 'two words', '--flag'], { old: true });
    expect(run.code).toBe(7);
    expect(JSON.parse(run.stdout)).toEqual({
      argv: ['7', 'two words', '--flag'],
      path0: stubBin,
    });
    expect(stubCalls().slice(before)).toEqual([`${echo} 7 two words --flag`]);
  });

  it('on an old Node, runs a command with Node 24 first on PATH, so its `node` is Node 24', async () => {
    const before = stubCalls().length;
    const run = await launch(['node', echo, '0', 'x'], { old: true });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ argv: ['0', 'x'], path0: stubBin });
    expect(stubCalls().slice(before)).toEqual([`${echo} 0 x`]);
  });

  it('forwards SIGTERM to the script and passes its exit code back', async () => {
    const run = await launch([waiter], {
      old: true,
      onStdout: (text, kill) => {
        if (text === 'ready') {
          kill('SIGTERM');
        }
      },
    });
    expect(run.stdout).toBe('ready got SIGTERM');
    expect(run.code).toBe(143);
  });

  it('leaves by the signal that ended the script', async () => {
    const run = await launch([waiter, 'SIGKILL'], { old: true });
    expect(run.signal).toBe('SIGKILL');
  });

  it('on a new enough Node, runs the script in its own process with the argv it expects', async () => {
    const before = stubCalls().length;
    const run = await launch([echo, '3', 'a'], { old: false });
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout)).toMatchObject({ argv: ['3', 'a'] });
    expect(stubCalls().slice(before)).toEqual([]);
  });
});

// Runs an npm script on Node >= 22.18 whatever Node npm itself runs on. Plain JavaScript that
// Node 18 and 20 can read: `node scripts/node24.mjs <file.ts | command> [args...]`.
//
// - On a new enough Node, a .ts/.js/.mjs file is imported in this process (no second process)
//   and a command is spawned as is.
// - On an older Node, Node 24 comes from the npm package node-<platform>-<arch>@24 (the official
//   binary; the same cache as scripts/node-env.sh, ${SENTINEL_NODE_CACHE:-~/.cache/sentinel-node}),
//   installed on first use, and the file or command is re-run on it with the same arguments and
//   stdio, its bin directory first on PATH (so `#!/usr/bin/env node` tools and nested `node`
//   calls find it too). SIGINT/SIGTERM/SIGHUP are forwarded; the exit code (or signal) is passed
//   through.
//
// SENTINEL_NODE_FLOOR (default 22.18) is the oldest Node the scripts run on directly.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';

const [target, ...args] = process.argv.slice(2);
if (target === undefined) {
  process.stderr.write('usage: node scripts/node24.mjs <file.ts | command> [args...]\n');
  process.exit(2);
}
const isFile = /\.(ts|mts|js|mjs|cjs)$/.test(target);

/** True when `version` ("22.18.0") is at least `floor` ("22.18"). */
function atLeast(version, floor) {
  const have = version.split('.').map(Number);
  const want = floor.split('.').map(Number);
  for (let i = 0; i < want.length; i++) {
    if ((have[i] ?? 0) !== want[i]) {
      return (have[i] ?? 0) > want[i];
    }
  }
  return true;
}

/** The cached Node 24 binary, installed from the npm registry when missing. */
function node24() {
  const platform = process.platform === 'win32' ? 'win' : process.platform;
  const pkg = `node-${platform}-${process.arch}`;
  const cache = process.env.SENTINEL_NODE_CACHE || join(homedir(), '.cache', 'sentinel-node');
  const dir = join(cache, 'node_modules', pkg);
  const bin = process.platform === 'win32' ? dir : join(dir, 'bin');
  const exe = join(bin, process.platform === 'win32' ? 'node.exe' : 'node');
  if (!existsSync(exe)) {
    process.stderr.write(
      `node24: Node ${process.version} is too old; installing ${pkg}@24 into ${cache}\n`,
    );
    // npm_execpath is the npm that runs this script; plain `npm` otherwise.
    const npm = process.env.npm_execpath;
    const [cmd, pre] = npm ? [process.execPath, [npm]] : ['npm', []];
    const installed = spawnSync(
      cmd,
      [
        ...pre,
        'install',
        '--no-save',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        '--prefix',
        cache,
        `${pkg}@24`,
      ],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (installed.status !== 0 || !existsSync(exe)) {
      process.stderr.write(`node24: could not install ${pkg}@24 from the npm registry\n`);
      process.exit(1);
    }
  }
  return { exe, bin, dir };
}

/** Runs the child to its end, forwarding signals, then leaves the way it left. */
function run(command, commandArgs, env) {
  const child = spawn(command, commandArgs, { stdio: 'inherit', env });
  const forward = (signal) => {
    child.kill(signal);
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) {
    process.on(signal, forward);
  }
  child.on('error', (error) => {
    process.stderr.write(`node24: could not start ${command}: ${error.message}\n`);
    process.exit(127);
  });
  child.on('exit', (code, signal) => {
    for (const s of signals) {
      process.off(s, forward);
    }
    if (signal !== null) {
      process.kill(process.pid, signal);
      return;
    }
    process.exit(code ?? 1);
  });
}

const floor = process.env.SENTINEL_NODE_FLOOR || '22.18';
if (atLeast(process.versions.node, floor)) {
  if (isFile) {
    // The script sees the argv it would have seen when run directly.
    process.argv = [process.argv[0], resolve(target), ...args];
    await import(pathToFileURL(resolve(target)).href);
  } else {
    run(target, args, process.env);
  }
} else {
  const node = node24();
  const env = {
    ...process.env,
    PATH: [node.bin, process.env.PATH ?? ''].join(delimiter),
    // Native addons must build against the headers of the Node that runs them.
    npm_config_nodedir: node.dir,
    npm_node_execpath: node.exe,
  };
  if (isFile) {
    run(node.exe, [target, ...args], env);
  } else {
    run(target, args, env);
  }
}

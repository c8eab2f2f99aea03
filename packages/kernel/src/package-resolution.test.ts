import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Each case runs in a child process: the loader it changes is the process's own. The fixture is
// two installed packages — `dep`, whose index loads its own `dep/sub` first (as google-gax's loads
// `google-gax/fallback`), and `user`, which requires `dep/sub` inside a function (as Firestore's
// `createCallOptions` does) — and one module of ours outside node_modules. Node's resolver is
// counted by a wrapper installed before the one under test, so each count is the resolutions
// that reached Node.
let root: string;

const files: Record<string, string> = {
  'node_modules/dep/package.json': JSON.stringify({
    name: 'dep',
    exports: { '.': './index.js', './sub': './sub.js' },
  }),
  'node_modules/dep/index.js': `require('./sub.js'); module.exports = { index: true };`,
  'node_modules/dep/sub.js': `module.exports = { loadedAt: Symbol('sub') };`,
  'node_modules/user/package.json': JSON.stringify({ name: 'user', main: 'index.js' }),
  'node_modules/user/helper.js': `module.exports = {};`,
  'node_modules/user/index.js': `require('dep');
    module.exports = {
      sub: () => require('dep/sub'),
      helper: () => require('./helper.js'),
      resolveWithOptions: () => require.resolve('dep/sub', { paths: [__dirname] }),
      missing: () => { try { require('dep/missing'); return 'found'; } catch (e) { return e.code; } },
    };`,
  'ours.cjs': `module.exports = { sub: () => require('dep/sub') };`,
};

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'package-resolution-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

interface Counts {
  readonly installed: readonly boolean[];
  readonly resolutions: Record<string, number>;
  readonly sameModule: boolean;
  readonly missing: readonly string[];
}

/** 100 calls of each kind of `require`, in a fresh process, with or without remembering. */
function run(remember: boolean): Counts {
  const kernel = pathToFileURL(join(import.meta.dirname, 'package-resolution.ts')).href;
  const child = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import Module, { createRequire } from 'node:module';
       import { rememberPackageResolutions } from ${JSON.stringify(kernel)};
       const resolutions = {};
       const node = Module._resolveFilename;
       Module._resolveFilename = function (request, ...rest) {
         resolutions[request] = (resolutions[request] ?? 0) + 1;
         return node.call(this, request, ...rest);
       };
       const installed = ${remember} ? [rememberPackageResolutions(), rememberPackageResolutions()] : [];
       const require = createRequire(${JSON.stringify(join(root, 'ours.cjs'))});
       const user = require('user');
       const ours = require('./ours.cjs');
       for (const key of Object.keys(resolutions)) delete resolutions[key];
       for (let i = 0; i < 100; i++) { user.sub(); user.helper(); user.resolveWithOptions(); ours.sub(); }
       const missing = [user.missing(), user.missing()];
       const sameModule = user.sub() === ours.sub() && user.sub() === require('dep/sub');
       process.stdout.write(JSON.stringify({ installed, resolutions, sameModule, missing }));`,
    ],
    { encoding: 'utf8', cwd: root },
  );
  expect(child.stderr).toBe('');
  return JSON.parse(child.stdout) as Counts;
}

describe('rememberPackageResolutions', () => {
  it("resolves an installed package's bare require of a module loaded elsewhere on every call without it", () => {
    const { resolutions, sameModule } = run(false);
    // user.sub() 100 times (plus the identity check's two), ours.sub() 100 (plus one), the
    // resolve with options 100, the check's own require once.
    expect(resolutions['dep/sub']).toBe(100 + 2 + 100 + 1 + 100 + 1);
    // A relative require Node remembers itself: its first call loaded the module.
    expect(resolutions['./helper.js']).toBe(1);
    expect(sameModule).toBe(true);
  });

  it('resolves it once per requiring directory with it, and the module is the same one', () => {
    const { installed, resolutions, sameModule } = run(true);
    expect(installed).toEqual([true, false]);
    // From node_modules/user: once. From our module (outside node_modules) and with options:
    // every call, as before.
    expect(resolutions['dep/sub']).toBe(1 + 100 + 1 + 100 + 1);
    expect(resolutions['./helper.js']).toBe(1);
    expect(sameModule).toBe(true);
  });

  it('does not remember a request that failed', () => {
    const { missing, resolutions } = run(true);
    expect(missing).toEqual(['ERR_PACKAGE_PATH_NOT_EXPORTED', 'ERR_PACKAGE_PATH_NOT_EXPORTED']);
    expect(resolutions['dep/missing']).toBe(2);
  });
});

import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

// Why the services call the kernel's rememberPackageResolutions at start: the Firestore client
// resolves `google-gax/fallback` again for every call it sends with retry codes (createCallOptions),
// about 16 µs each. No RPC is sent here: createCallOptions builds the options
// locally. A child process each, as the loader it changes is the process's own. If an upgrade of
// the client stops resolving per call, the first case fails and the workaround can go.
const resolve = createRequire(import.meta.url).resolve;
const kernel = pathToFileURL(resolve('@sentinel/kernel')).href;
const firestore = resolve('@google-cloud/firestore');

/** Resolutions of `google-gax/fallback` during 1,000 commits' call options. */
function resolutionsOf1000Commits(remember: boolean): number {
  const child = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import Module, { createRequire } from 'node:module';
       import { rememberPackageResolutions } from ${JSON.stringify(kernel)};
       const { Firestore } = createRequire(import.meta.url)(${JSON.stringify(firestore)});
       let resolutions = 0;
       const node = Module._resolveFilename;
       Module._resolveFilename = function (request, ...rest) {
         if (request === 'google-gax/fallback') resolutions++;
         return node.call(this, request, ...rest);
       };
       if (${remember}) rememberPackageResolutions();
       const db = new Firestore({ projectId: 'demo-call-options' });
       for (let i = 0; i < 1_000; i++) db.createCallOptions('commit', [10, 13, 14]);
       process.stdout.write(String(resolutions));`,
    ],
    { encoding: 'utf8', env: { ...process.env, METADATA_SERVER_DETECTION: 'none' } },
  );
  expect(child.stderr).toBe('');
  return Number(child.stdout);
}

describe("the Firestore client's call options", () => {
  it('resolve google-gax/fallback for every commit by themselves', () => {
    expect(resolutionsOf1000Commits(false)).toBeGreaterThanOrEqual(1_000);
  });

  it('resolve it once with rememberPackageResolutions', () => {
    expect(resolutionsOf1000Commits(true)).toBe(1);
  });
});

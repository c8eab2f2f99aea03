// One Dockerfile per deployable. No Docker engine runs here, so this reads them: the build stage
// runs the bundle script (which test/deploy/bundles.int.test.ts starts with the image's CMD), the
// runtime stage is node:24-slim with nothing but the bundle, as a non-root user, in exec form (so
// SIGTERM reaches node). dockerfilelint (npm) lints them.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBundleArgs } from '../../scripts/bundle.ts';
import { commandOf, envOf, last, readDockerfile } from './support/dockerfile.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const DEPLOYABLES = ['risk-api', 'auth', 'escrow', 'telco-ingestion'];
const FUNCTIONS_CLI = 'node_modules/@google-cloud/functions-framework/build/src/main.js';

interface LintReport {
  totalIssues: number;
  files: { issues: { line: string; title: string }[] }[];
}

function lint(path: string): LintReport {
  const cli = join(ROOT, 'node_modules', 'dockerfilelint', 'bin', 'dockerfilelint');
  let out: string;
  try {
    out = execFileSync(process.execPath, [cli, '-o', 'json', path], { encoding: 'utf8' });
  } catch (error) {
    // It exits 1 when it finds issues; the report is on stdout either way.
    out = String((error as { stdout?: unknown }).stdout);
  }
  return JSON.parse(out) as LintReport;
}

describe('the Dockerfiles', () => {
  it('exist for every deployable and no other (the CAMARA simulator and batch are not deployed)', () => {
    for (const name of ['camara-simulator', 'batch']) {
      expect(existsSync(join(ROOT, 'services', name, 'Dockerfile'))).toBe(false);
    }
    for (const name of DEPLOYABLES) {
      expect(existsSync(join(ROOT, 'services', name, 'Dockerfile')), name).toBe(true);
    }
  });

  it.each(DEPLOYABLES)(
    '%s: bundles in a build stage and runs only the bundle, as node, on node:24-slim',
    (name) => {
      const [build, runtime, ...more] = readDockerfile(join(ROOT, 'services', name, 'Dockerfile'));
      expect(more).toEqual([]);
      expect(build).toMatchObject({ from: 'node:24-slim', name: 'build' });
      expect(build?.instructions.map((i) => `${i.op} ${i.args}`)).toContain(
        `RUN npm ci --no-audit --no-fund --ignore-scripts && node scripts/bundle.ts ${name}`,
      );
      if (runtime === undefined) {
        throw new Error('no runtime stage');
      }
      expect(runtime.from).toBe('node:24-slim');
      expect(runtime.instructions.filter((i) => i.op === 'COPY').map((i) => i.args)).toEqual([
        `--from=build /src/dist/${name}/ ./`,
      ]);
      expect(runtime.instructions.some((i) => i.op === 'RUN')).toBe(false);
      expect(last(runtime, 'USER')).toBe('node');
      expect(last(runtime, 'WORKDIR')).toBe('/app');
      expect(envOf(runtime)).toEqual({
        NODE_ENV: 'production',
        PORT: '8080',
        // The console's assets, built into the risk-api's image beside main.mjs (WORKDIR /app).
        ...(name === 'risk-api' ? { SENTINEL_CONSOLE_DIR: 'console' } : {}),
      });
      const command = commandOf(runtime);
      expect(command.slice(0, 2)).toEqual(['node', '--enable-source-maps']);
      // risk-api and auth are servers; the escrow and the telco ingestion are function targets.
      // The risk-api's heap grows as on a large machine's (its Dockerfile says why).
      expect(command.slice(2)).toEqual(
        name === 'risk-api'
          ? ['--heap-growing-percent=300', 'main.mjs']
          : name === 'auth'
            ? ['main.mjs']
            : [FUNCTIONS_CLI, '--source=main.mjs'],
      );
    },
  );

  it('bundles exactly the deployable a build stage names', () => {
    expect(parseBundleArgs(['escrow'])).toEqual({
      ok: true,
      names: ['escrow'],
      outDir: join(ROOT, 'dist'),
    });
    expect(parseBundleArgs(['auth', '--out', '/tmp/b'])).toEqual({
      ok: true,
      names: ['auth'],
      outDir: '/tmp/b',
    });
    expect(parseBundleArgs([])).toMatchObject({ names: DEPLOYABLES });
    expect(parseBundleArgs(['batch'])).toEqual({
      ok: false,
      problem: 'unknown deployable: batch (risk-api, auth, escrow, telco-ingestion)',
    });
  });

  it.each(DEPLOYABLES)('%s: passes dockerfilelint', (name) => {
    const report = lint(join(ROOT, 'services', name, 'Dockerfile'));
    expect(report.files[0]?.issues).toEqual([]);
  });

  it('dockerfilelint does find issues (an untagged base image, apt-get without -y)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sentinel-dockerfile-'));
    try {
      const path = join(dir, 'Dockerfile');
      writeFileSync(path, 'FROM node\nRUN apt-get install curl\nCMD node main.js\n');
      const titles = lint(path).files[0]?.issues.map((i) => i.title) ?? [];
      expect(titles).toEqual(
        expect.arrayContaining(['Base Image Missing Tag', 'Missing parameter for `apt-get`']),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// npm run bundle [-- <deployable>… [--out dir]]: what each Dockerfile's build stage runs. One
// deployable becomes dist/<name>/ (or <dir>/<name>/), the whole of its image's /app:
//   main.mjs (+ .map)   esbuild's bundle of the composition root and every workspace package
//   assets/             files the code reads beside itself (the step-up page)
//   node_modules/       the few packages left out of the bundle, and everything they depend on,
//                       copied from this install at the versions package-lock.json pins
//   package.json, package-lock.json   that closure, for provenance and `npm ls`
// Left out of the bundle: packages that read their own files at run time (the Google Cloud clients
// load protos, Swagger UI and the WebAuthn browser bundle are served from disk) and the Functions
// Framework, whose CLI must load the same module the bundle registers functions with; and the
// Twilio SDK, imported only when the configuration names a Twilio provider.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join, resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { buildConsole } from '@sentinel/console';

const ROOT = join(import.meta.dirname, '..');

export interface Deployable {
  /** The composition root (the service's main.ts). */
  readonly entry: string;
  /** Directories copied beside main.mjs: [from, to], relative to the repo and to the output. */
  readonly assets: readonly (readonly [string, string])[];
  /** Packages read from disk at run time but never imported (so not found by the bundler). */
  readonly runtimeFiles: readonly string[];
}

export const DEPLOYABLES = {
  'risk-api': {
    entry: 'services/risk-api/src/main.ts',
    assets: [],
    runtimeFiles: ['swagger-ui-dist'],
  },
  auth: {
    entry: 'services/auth/src/main.ts',
    assets: [['services/auth/src/page/assets', 'assets']],
    runtimeFiles: ['swagger-ui-dist', '@simplewebauthn/browser'],
  },
  escrow: {
    entry: 'services/escrow/src/main.ts',
    assets: [],
    runtimeFiles: ['swagger-ui-dist'],
  },
  'telco-ingestion': {
    entry: 'services/telco-ingestion/src/main.ts',
    assets: [],
    runtimeFiles: [],
  },
} as const satisfies Record<string, Deployable>;

export type DeployableName = keyof typeof DEPLOYABLES;

/**
 * Installed, not bundled: they load their own files at run time, or (the Functions Framework) must
 *  be one instance, or (Twilio, about 8 MB) are imported only when configured: parsing them inside
 * main.mjs cost every cold start about 0.1 s of CPU (docs/performance.md).
 */
const EXTERNAL = [
  '@google-cloud/firestore',
  '@google-cloud/pubsub',
  '@google-cloud/functions-framework',
  'swagger-ui-dist',
  '@simplewebauthn/browser',
  'twilio',
];

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  license?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optional?: boolean;
  engines?: Record<string, string>;
  bin?: Record<string, string>;
}

interface Lock {
  packages: Record<string, LockEntry>;
}

/** Where npm installed `name` for the package at `from` (node's lookup: nested first, then up). */
function resolveInLock(lock: Lock, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base === '' ? '' : `${base}/`}node_modules/${name}`;
    if (candidate in lock.packages) {
      return candidate;
    }
    if (base === '') {
      return undefined;
    }
    const at = base.lastIndexOf('/node_modules/');
    base = at === -1 ? '' : base.slice(0, at);
  }
}

/** The lockfile entries `roots` need at run time: their dependencies, recursively (no dev). */
export function productionClosure(lock: Lock, roots: readonly string[]): Map<string, LockEntry> {
  const closure = new Map<string, LockEntry>();
  const visit = (path: string): void => {
    if (closure.has(path)) {
      return;
    }
    const entry = lock.packages[path];
    if (entry === undefined) {
      throw new Error(`${path} is not in package-lock.json`);
    }
    closure.set(path, entry);
    const needs = {
      ...entry.dependencies,
      ...entry.optionalDependencies,
      ...entry.peerDependencies,
    };
    for (const name of Object.keys(needs)) {
      const found = resolveInLock(lock, path, name);
      if (found !== undefined) {
        visit(found);
      } else if (
        !(name in (entry.optionalDependencies ?? {})) &&
        !(name in (entry.peerDependencies ?? {}))
      ) {
        throw new Error(`${path} needs ${name}, which package-lock.json does not install`);
      }
    }
  };
  for (const name of roots) {
    visit(`node_modules/${name}`);
  }
  return closure;
}

/** Type declarations, source maps and docs are not needed at run time (licences are kept). */
function runtimeFile(path: string): boolean {
  return !/\.(d\.[cm]?ts|map|md|markdown)$/i.test(path) || /licen[cs]e/i.test(path);
}

/** Bare package names of the imports esbuild left external. */
function externalPackages(metafile: Metafile): string[] {
  const names = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const imported of output.imports) {
      if (imported.external && !isBuiltin(imported.path)) {
        const parts = imported.path.split('/');
        names.add(imported.path.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? ''));
      }
    }
  }
  return [...names].sort();
}

/** Builds one deployable into `<outDir>/<name>`; answers that directory. */
export async function bundle(name: DeployableName, outDir = join(ROOT, 'dist')): Promise<string> {
  const spec: Deployable = DEPLOYABLES[name];
  const out = join(outDir, name);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const result = await build({
    entryPoints: [join(ROOT, spec.entry)],
    outfile: join(out, 'main.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    sourcemap: true,
    minifySyntax: true,
    external: EXTERNAL,
    metafile: true,
    logLevel: 'warning',
    // CommonJS packages inside an ES module bundle still call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __sentinelRequire } from 'node:module'; const require = __sentinelRequire(import.meta.url);",
    },
  });
  for (const [from, to] of spec.assets) {
    cpSync(join(ROOT, from), join(out, to), { recursive: true });
  }
  if (name === 'risk-api') {
    // The console's static assets (served only with SENTINEL_CONSOLE=true; the image's ENV
    // SENTINEL_CONSOLE_DIR points at them).
    await buildConsole({ outDir: join(out, 'console') });
  }
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as Lock;
  const roots = [...new Set([...externalPackages(result.metafile), ...spec.runtimeFiles])].sort();
  const closure = productionClosure(lock, roots);
  for (const path of closure.keys()) {
    const from = join(ROOT, path);
    if (existsSync(from)) {
      cpSync(from, join(out, path), { recursive: true, dereference: true, filter: runtimeFile });
    } else if (closure.get(path)?.optional !== true) {
      throw new Error(`${path} is in package-lock.json but not installed: run npm ci`);
    }
  }
  const dependencies = Object.fromEntries(
    roots.map((root) => [root, closure.get(`node_modules/${root}`)?.version ?? '']),
  );
  const manifest = { name: `sentinel-${name}`, private: true, type: 'module', dependencies };
  writeFileSync(join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const packages = { '': manifest, ...Object.fromEntries(closure) };
  writeFileSync(
    join(out, 'package-lock.json'),
    `${JSON.stringify({ name: manifest.name, lockfileVersion: 3, requires: true, packages }, null, 2)}\n`,
  );
  return out;
}

/** `[name…] [--out dir]` → what to build and where (every deployable when none is named). */
export function parseBundleArgs(
  args: readonly string[],
): { ok: true; names: DeployableName[]; outDir: string } | { ok: false; problem: string } {
  const at = args.indexOf('--out');
  const outDir = at === -1 ? join(ROOT, 'dist') : resolve(args[at + 1] ?? 'dist');
  const asked = at === -1 ? [...args] : args.filter((_, i) => i !== at && i !== at + 1);
  const unknown = asked.filter((n) => !(n in DEPLOYABLES));
  if (unknown.length > 0) {
    const known = Object.keys(DEPLOYABLES).join(', ');
    return { ok: false, problem: `unknown deployable: ${unknown.join(', ')} (${known})` };
  }
  const names = (asked.length > 0 ? asked : Object.keys(DEPLOYABLES)) as DeployableName[];
  return { ok: true, names, outDir };
}

async function main(): Promise<void> {
  const parsed = parseBundleArgs(process.argv.slice(2));
  if (!parsed.ok) {
    process.stderr.write(`${parsed.problem}\n`);
    process.exitCode = 2;
    return;
  }
  for (const name of parsed.names) {
    const started = performance.now();
    const dir = await bundle(name, parsed.outDir);
    process.stdout.write(`${name}: ${dir} (${Math.round(performance.now() - started)} ms)\n`);
  }
}

if (import.meta.main || process.argv[1] === import.meta.filename) {
  await main();
}

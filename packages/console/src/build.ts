import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PAGES, pageHtml } from './pages.ts';

/** Where `npm run console:build` (and `npm start`) put the console's assets. */
export const CONSOLE_DIST_DIR = join(import.meta.dirname, '..', 'dist');

export interface BuiltAsset {
  readonly path: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

/**
 * Builds the console: one esbuild bundle per page (`src/browser/<page>/main.tsx`), minified, with
 * its CSS, plus each page's HTML. esbuild is a build-time dependency: it is imported here, on
 * demand, never by the server that serves the result.
 */
export async function buildConsole(
  opts: { readonly outDir?: string; readonly minify?: boolean } = {},
): Promise<readonly BuiltAsset[]> {
  const outDir = opts.outDir ?? CONSOLE_DIST_DIR;
  const { build } = await import('esbuild');
  await rm(outDir, { recursive: true, force: true });
  await mkdir(join(outDir, 'assets'), { recursive: true });
  await build({
    entryPoints: Object.fromEntries(
      PAGES.map((page) => [page.name, join(import.meta.dirname, 'browser', page.name, 'main.tsx')]),
    ),
    outdir: join(outDir, 'assets'),
    bundle: true,
    format: 'esm',
    splitting: true,
    chunkNames: 'chunk-[hash]',
    entryNames: '[name]',
    minify: opts.minify ?? true,
    sourcemap: false,
    target: ['chrome120', 'firefox120', 'safari17'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'silent',
  });
  for (const page of PAGES) {
    await writeFile(join(outDir, `${page.name}.html`), pageHtml(page));
  }
  return listAssets(outDir);
}

async function listAssets(outDir: string): Promise<readonly BuiltAsset[]> {
  const { readFile } = await import('node:fs/promises');
  const files = await readdir(outDir, { recursive: true, withFileTypes: true });
  const assets: BuiltAsset[] = [];
  for (const file of files) {
    if (file.isFile()) {
      const full = join(file.parentPath, file.name);
      const body = await readFile(full);
      assets.push({
        path: full.slice(outDir.length + 1),
        bytes: body.byteLength,
        gzipBytes: gzipSync(body).byteLength,
      });
    }
  }
  return assets.sort((a, b) => a.path.localeCompare(b.path));
}

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PAGES } from './pages.ts';

export interface ConsoleAsset {
  readonly body: Uint8Array<ArrayBuffer>;
  readonly gzip: Uint8Array<ArrayBuffer>;
  readonly contentType: string;
  /** A strong validator of the body. */
  readonly etag: string;
  /** Hashed chunk names never change content: cache them for good. Pages and entries revalidate. */
  readonly immutable: boolean;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * The built console (`buildConsole`) read into memory once, keyed by the URL path it is served at:
 * `/console/` and `/console/<page>` for the pages, `/console/assets/<file>` for the rest. Each body
 * is gzipped once here, not per request. Null when the directory holds no build.
 */
export function loadConsoleAssets(dir: string): ReadonlyMap<string, ConsoleAsset> | null {
  if (!existsSync(join(dir, 'index.html'))) {
    return null;
  }
  const assets = new Map<string, ConsoleAsset>();
  for (const file of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!file.isFile()) {
      continue;
    }
    const full = join(file.parentPath, file.name);
    const path = relative(dir, full).split(sep).join('/');
    const body = new Uint8Array(readFileSync(full));
    const asset: ConsoleAsset = {
      body,
      gzip: new Uint8Array(gzipSync(body)),
      contentType: TYPES[extname(path)] ?? 'application/octet-stream',
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
      immutable: path.startsWith('assets/chunk-'),
    };
    const page = PAGES.find((p) => path === `${p.name}.html`);
    if (page === undefined) {
      assets.set(`/console/${path}`, asset);
    } else {
      assets.set(page.name === 'index' ? '/console/' : `/console/${page.name}`, asset);
    }
  }
  return assets;
}

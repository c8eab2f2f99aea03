import Module from 'node:module';
import { sep } from 'node:path';

type ResolveFilename = (
  request: string,
  parent: { readonly path?: string } | null | undefined,
  isMain?: boolean,
  options?: unknown,
) => string;

/** `Module._resolveFilename`: what every CommonJS `require` calls to turn a request into a file. */
interface CommonJsLoader {
  _resolveFilename: ResolveFilename & { readonly [REMEMBERING]?: true };
}

const REMEMBERING = Symbol('sentinel.rememberPackageResolutions');
const IN_NODE_MODULES = `${sep}node_modules${sep}`;

/**
 * Makes an installed package's `require('other-package/subpath')` resolve once per requiring
 * directory instead of on every call.
 *
 * Node remembers where a bare `require` led only when that call loaded the module for the first
 * time, and its path cache skips packages with an `exports` map; a module already loaded by someone
 * else is found again from scratch, with a `stat` per `node_modules` directory on the way. The
 * Firestore client (@google-cloud/firestore 9.4) requires `google-gax/fallback` inside
 * `createCallOptions`, which it calls for every RPC sent with retry codes (every call the risk-api
 * makes), after google-gax's own index has loaded it: that `require` took 17 µs standalone
 * against 0.3 µs with this; inside the risk-api on the emulators under load `createCallOptions`
 * cost 69 µs a decision against 11, about 4 % of its CPU (docs/performance-log.md, issue 17's
 * thirteenth and sixteenth sessions). The fix belongs upstream (hoisting the `require`); this
 * keeps the answer Node gave the first time, keyed as Node's own cache for first loads keys it
 * (the requiring directory and the request).
 *
 * Only bare requests (`pkg`, `pkg/sub`, `@scope/pkg/sub`) made without options by modules inside
 * a `node_modules` directory are remembered: installed packages do not move while a process runs.
 * A request that fails is not remembered. Relative and absolute paths, `#imports`, builtins, the
 * entry point and our own modules resolve as before. Called once at a service's start; returns
 * whether this call installed it (a second call leaves the first in place).
 */
export function rememberPackageResolutions(loader: CommonJsLoader = nodeLoader()): boolean {
  const resolve = loader._resolveFilename;
  if (resolve[REMEMBERING] === true) {
    return false;
  }
  // requiring directory → request → filename: two lookups of strings V8 has already hashed (the
  // module's path, the literal in its source), where one key made of both is a new string each call.
  const remembered = new Map<string, Map<string, string>>();
  const remembering = function (
    this: unknown,
    request: string,
    parent: { readonly path?: string } | null | undefined,
    isMain?: boolean,
    options?: unknown,
  ): string {
    const from = parent?.path;
    if (options !== undefined || isMain === true || typeof from !== 'string') {
      return resolve.call(this, request, parent, isMain, options);
    }
    const known = remembered.get(from)?.get(request);
    if (known !== undefined) {
      return known;
    }
    const filename = resolve.call(this, request, parent, isMain, options);
    if (isBare(request) && `${from}${sep}`.includes(IN_NODE_MODULES)) {
      let byRequest = remembered.get(from);
      if (byRequest === undefined) {
        byRequest = new Map();
        remembered.set(from, byRequest);
      }
      byRequest.set(request, filename);
    }
    return filename;
  };
  loader._resolveFilename = Object.assign(remembering, { [REMEMBERING]: true as const });
  return true;
}

function nodeLoader(): CommonJsLoader {
  return Module as unknown as CommonJsLoader;
}

/** A package name, optionally with a subpath: not `./x`, `/x`, `#x`, `node:x`, `C:\\x` or a builtin. */
function isBare(request: string): boolean {
  return /^[^./#\\]/.test(request) && !request.includes(':') && !Module.isBuiltin(request);
}

import { isIP } from 'node:net';

export type SinkVerdict =
  | { readonly ok: true; readonly url: URL; readonly error?: never }
  | { readonly ok: false; readonly error: 'INVALID_ARGUMENT' | 'INVALID_SINK' };

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) {
    return true;
  }
  if (isIP(host) === 4) {
    return host.startsWith('127.');
  }
  return host === '::1';
}

/**
 * Where the simulator will deliver. Not an absolute URI at all: INVALID_ARGUMENT (the schema's
 * `format: uri`, test plan scenario 26). A URI the HTTP protocol will not deliver to: INVALID_SINK
 * ("sink not valid for the specified protocol"): anything but https, except plain http to a
 * loopback host in local mode; and URIs carrying user info, which would leak into logs.
 */
export function checkSink(sink: string, localMode: boolean): SinkVerdict {
  let url: URL;
  try {
    url = new URL(sink);
  } catch {
    return { ok: false, error: 'INVALID_ARGUMENT' };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, error: 'INVALID_SINK' };
  }
  if (url.protocol === 'https:') {
    return { ok: true, url };
  }
  if (url.protocol === 'http:' && localMode && isLoopback(url.hostname)) {
    return { ok: true, url };
  }
  return { ok: false, error: 'INVALID_SINK' };
}

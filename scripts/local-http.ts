// Small HTTP helpers of npm start: wait for a service, call a demo API.
import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `url` until it answers 200 (a service starting up), or throws after `timeoutMs`. */
export async function waitReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s`);
}

/** One JSON call that must succeed (the demo's seeding). */
export async function call(
  method: string,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (!res.ok) {
    throw new Error(`${method} ${url}: HTTP ${res.status} ${await res.text()}`);
  }
}

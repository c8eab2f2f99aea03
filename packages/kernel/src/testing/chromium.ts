import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Browser } from 'playwright-core';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** The system Chromium (Debian's, as CI installs it): $CHROMIUM_PATH, else the first on PATH. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CHROMIUM_PATH !== undefined && env.CHROMIUM_PATH !== '') {
    return env.CHROMIUM_PATH;
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    for (const name of NAMES) {
      const path = join(dir, name);
      try {
        accessSync(path, constants.X_OK);
        return path;
      } catch {
        // not here; keep looking
      }
    }
  }
  throw new Error(
    'No Chromium found: install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH',
  );
}

/**
 * Headless Chromium with nothing running in the background that could reach the network. The
 * one launcher of the repo's browser tests. playwright-core is imported on the first launch, so
 * a test that only needs a fake clock from this entry point does not pay for it.
 */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: findChromium(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

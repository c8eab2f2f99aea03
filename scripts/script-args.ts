// A script's own arguments, whether it runs as `node script.ts …` or through scripts/node24.mjs
// (which imports it in the same process, so argv also holds node24.mjs).
import { resolve } from 'node:path';
import { argv } from 'node:process';
import { fileURLToPath } from 'node:url';

/** The arguments after the script whose module URL is `scriptUrl`. */
export function scriptArgs(scriptUrl: string): string[] {
  const self = fileURLToPath(scriptUrl);
  const at = argv.findIndex((arg) => resolve(arg) === self);
  return argv.slice(at === -1 ? 2 : at + 1);
}

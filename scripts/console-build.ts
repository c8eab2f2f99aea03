// Builds the console's static assets (packages/console → packages/console/dist), which the risk-api
// serves under /console. `npm start` runs it too. Prints each file's size, raw and gzipped.
//   npm run console:build [-- <outDir>]
import { stdout } from 'node:process';
import { buildConsole } from '@sentinel/console';
import { scriptArgs } from './script-args.ts';

const [outDir] = scriptArgs(import.meta.url);
const assets = await buildConsole(outDir === undefined ? {} : { outDir });
let gzip = 0;
for (const asset of assets) {
  gzip += asset.gzipBytes;
  stdout.write(
    `${asset.path.padEnd(28)} ${String(asset.bytes).padStart(8)} B  gzip ${String(asset.gzipBytes).padStart(7)} B\n`,
  );
}
stdout.write(`total gzip ${gzip} B\n`);

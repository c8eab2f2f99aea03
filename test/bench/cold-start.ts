// Cold start of the risk-api in memory, spawn to the first 200 on /readyz (warm-up included): the
// TypeScript sources as `npm start` runs them (Node strips the types of every module it loads), and
// the esbuild bundle the Docker image runs (`npm run bundle`, with the image's CMD's Node flags),
// started alternately so a busy neighbour slows both alike.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundle } from '../../scripts/bundle.ts';
import { IMAGE_NODE_FLAGS, startRiskApi, type RunningServer } from './servers.ts';

export interface ColdStartRow {
  readonly start: 'source' | 'bundle';
  readonly n: number;
  readonly p50Ms: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** CPU time of the server from spawn to ready, p50 (null off Linux): steadier than wall time. */
  readonly cpuP50Ms: number | null;
  /** Resident set right after /readyz answered (MiB; null off Linux). */
  readonly readyRssMiB: number | null;
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
};

async function once(
  start: () => Promise<RunningServer>,
): Promise<RunningServer & { rss: number | null }> {
  const server = await start();
  const rss = server.memory()?.rssMiB ?? null;
  await server.stop();
  return { ...server, rss };
}

/** `starts` starts of each, alternating source and bundle; the bundle is built into a temp dir. */
export async function runColdStartBench(opts: {
  readonly starts: number;
  readonly log: (line: string) => void;
}): Promise<ColdStartRow[]> {
  const outDir = mkdtempSync(join(tmpdir(), 'sentinel-cold-'));
  try {
    const main = join(await bundle('risk-api', outDir), 'main.mjs');
    const kinds = {
      source: () => startRiskApi('memory', 'bench'),
      bundle: () =>
        // With the image's flags, as every start (servers.ts IMAGE_NODE_FLAGS).
        startRiskApi('memory', 'bench', { script: main }),
    } as const;
    const times = { source: [] as number[], bundle: [] as number[] };
    const cpu = { source: [] as number[], bundle: [] as number[] };
    const rss = { source: [] as number[], bundle: [] as number[] };
    for (let i = 0; i < opts.starts; i++) {
      for (const kind of ['source', 'bundle'] as const) {
        const started = await once(kinds[kind]);
        times[kind].push(started.coldStartMs);
        if (started.coldStartCpuMs !== null) {
          cpu[kind].push(started.coldStartCpuMs);
        }
        if (started.rss !== null) {
          rss[kind].push(started.rss);
        }
      }
    }
    return (['source', 'bundle'] as const).map((start) => {
      const row: ColdStartRow = {
        start,
        n: times[start].length,
        p50Ms: median(times[start]),
        minMs: Math.min(...times[start]),
        maxMs: Math.max(...times[start]),
        cpuP50Ms: cpu[start].length === 0 ? null : median(cpu[start]),
        readyRssMiB: rss[start].length === 0 ? null : median(rss[start]),
      };
      opts.log(
        `  cold start ${start}: p50 ${row.p50Ms} ms (min ${row.minMs}, max ${row.maxMs}, n ${row.n}), CPU p50 ${row.cpuP50Ms ?? '–'} ms, RSS at ready ${row.readyRssMiB ?? '–'} MiB`,
      );
      return row;
    });
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

export function renderColdStart(rows: readonly ColdStartRow[]): string[] {
  if (rows.length === 0) {
    return [];
  }
  return [
    `Cold start of the risk-api in memory: spawn to the first 200 on /readyz, warm-up included. \`source\` = the TypeScript sources as \`npm start\` runs them (type stripping of every module loaded); \`bundle\` = the esbuild bundle the Docker image runs (\`npm run bundle\`, \`${['node', ...IMAGE_NODE_FLAGS, 'main.mjs'].join(' ')}\`). Started alternately. CPU = the server process's own CPU time (all threads) until ready: on a shared machine wall time is mostly waiting for a core, CPU time is the cost.`,
    '',
    '| start | n | p50 ms | min ms | max ms | CPU p50 ms | RSS at ready MiB |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.start} | ${r.n} | ${r.p50Ms} | ${r.minMs} | ${r.maxMs} | ${r.cpuP50Ms ?? '–'} | ${r.readyRssMiB ?? '–'} |`,
    ),
    '',
  ];
}

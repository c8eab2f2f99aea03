import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { countBufferMemoryInHeapLimit } from './buffer-memory.ts';

describe('countBufferMemoryInHeapLimit', () => {
  const setWith = (version: string) => {
    const set: string[] = [];
    const returned = countBufferMemoryInHeapLimit(version, (flags) => set.push(flags));
    return { returned, set };
  };

  it.each(['13.6.233.17-node.63', '14.6.202.9-node.12', '14.7.0'])(
    'sets the flag on V8 %s, which counts every byte allocated in buffers',
    (version) => {
      expect(setWith(version)).toEqual({
        returned: true,
        set: ['--external-memory-accounted-in-global-limit'],
      });
    },
  );

  it.each(['14.8.1', '14.10.0', '15.0.0'])(
    'leaves V8 %s alone: the behaviour is its default there and the flag is gone',
    (version) => {
      expect(setWith(version)).toEqual({ returned: false, set: [] });
    },
  );
});

describe('buffers that die young, beside a heap that is kept', () => {
  // A child process each: V8's flags and collections are per process. About 1 GB of 256 KiB
  // buffers, each dropped at once, yielding to the event loop every ten (where an incremental
  // marking finishes), next to 200,000 objects that stay alive; major collections counted by
  // Node's GC performance entries.
  const majorCollections = (count: boolean): number => {
    const run = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { PerformanceObserver, constants } from 'node:perf_hooks';
         import { countBufferMemoryInHeapLimit } from ${JSON.stringify(pathToFileURL(join(import.meta.dirname, 'buffer-memory.ts')).href)};
         if (${count}) countBufferMemoryInHeapLimit();
         let majors = 0;
         const observer = new PerformanceObserver((list) => {
           for (const e of list.getEntries()) if (e.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majors++;
         });
         observer.observe({ entryTypes: ['gc'] });
         const kept = Array.from({ length: 200_000 }, (_, i) => ({ i, text: 'kept ' + i }));
         for (let i = 0; i < 4_000; i++) {
           Buffer.allocUnsafeSlow(256 * 1024).fill(i & 0xff, 0, 1);
           if (i % 10 === 9) await new Promise((resolve) => setImmediate(resolve));
         }
         await new Promise((resolve) => setImmediate(resolve));
         observer.disconnect();
         process.stdout.write(JSON.stringify({ majors, kept: kept.length }));`,
      ],
      { encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as { majors: number; kept: number };
    expect(out.kept).toBe(200_000);
    return out.majors;
  };

  it('start a quarter or fewer of the mark-compacts once their memory counts toward the limit', () => {
    const counted = majorCollections(true);
    const uncounted = majorCollections(false);
    if (countBufferMemoryInHeapLimit(process.versions.v8, () => undefined)) {
      // Node 24 (V8 13.6): 12–13 mark-compacts without the flag, 1 with it, on this machine.
      expect(uncounted).toBeGreaterThanOrEqual(4);
      expect(counted * 4).toBeLessThanOrEqual(uncounted);
    } else {
      // A V8 that counts them so by default (the flag left alone): few either way.
      expect(Math.max(counted, uncounted)).toBeLessThanOrEqual(3);
    }
  });
});

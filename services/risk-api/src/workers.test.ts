import { describe, expect, it } from 'vitest';
import { containerMemoryBytes, workerHeap } from './workers.ts';

const GIB = 1024 ** 3;
const IMAGE = ['--enable-source-maps', '--heap-growing-percent=300'];

describe('the workers’ heaps under SENTINEL_WORKERS', () => {
  it('gives each worker half of its share of the container, as Node gives one process half of all', () => {
    const two = workerHeap({
      execArgv: IMAGE,
      nodeOptions: '',
      containerBytes: 2 * GIB,
      workers: 2,
    });
    expect(two).toEqual({ execArgv: [...IMAGE, '--max-old-space-size=512'], oldSpaceMB: 512 });
    const four = workerHeap({
      execArgv: IMAGE,
      nodeOptions: '',
      containerBytes: 8 * GIB,
      workers: 4,
    });
    expect(four.oldSpaceMB).toBe(1024);
    const three = workerHeap({
      execArgv: [],
      nodeOptions: '',
      containerBytes: 1 * GIB,
      workers: 3,
    });
    expect(three.execArgv).toEqual(['--max-old-space-size=170']);
  });

  it('leaves a heap size the operator set, on the command line or in NODE_OPTIONS, in either spelling', () => {
    for (const [execArgv, nodeOptions] of [
      [[...IMAGE, '--max-old-space-size=700'], ''],
      [IMAGE, '--enable-source-maps --max-old-space-size=700'],
      [IMAGE, '--max_old_space_size=700'],
      [['--max-heap-size=900'], ''],
    ] as const) {
      expect(workerHeap({ execArgv, nodeOptions, containerBytes: 2 * GIB, workers: 2 })).toEqual({
        execArgv,
        oldSpaceMB: null,
      });
    }
  });

  it('adds nothing without a container limit', () => {
    expect(
      workerHeap({ execArgv: IMAGE, nodeOptions: '', containerBytes: null, workers: 2 }),
    ).toEqual({ execArgv: IMAGE, oldSpaceMB: null });
    // Node 24 reports 2^44 bytes when no cgroup limits the process; a limit above the machine's
    // memory limits nothing either.
    expect(containerMemoryBytes(2 ** 44, 24 * GIB)).toBeNull();
    expect(containerMemoryBytes(0, 24 * GIB)).toBeNull();
    expect(containerMemoryBytes(2 * GIB, 24 * GIB)).toBe(2 * GIB);
  });
});

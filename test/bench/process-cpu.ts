// CPU time of processes, read from /proc (Linux): what a request costs the server and the
// emulators, a measure that — unlike throughput — hardly moves when something else shares the cores.
import { readdirSync, readFileSync } from 'node:fs';
import { sleep, systemClock, type Clock } from '@sentinel/kernel';

// USER_HZ: /proc's clock ticks per second, 100 on every Linux the project runs on (`getconf CLK_TCK`).
const TICKS_PER_SECOND = 100;

interface Stat {
  readonly pid: number;
  readonly ppid: number;
  readonly pgrp: number;
  readonly cpuTicks: number;
}

function stat(pid: string): Stat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: fields after the last ")".
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // From field 3 (state): ppid is field 4, pgrp 5, utime 14, stime 15 (proc(5)).
    return {
      pid: Number(pid),
      ppid: Number(fields[1]),
      pgrp: Number(fields[2]),
      cpuTicks: Number(fields[11]) + Number(fields[12]),
    };
  } catch {
    return null; // gone between the listing and the read
  }
}

/**
 * CPU milliseconds (user + system) used so far by the processes `pids`, their direct children
 * `childrenOf`, and every live process in the process groups `groups`. A process that exited
 * since is not counted: read it while the processes run.
 */
export function cpuMs(opts: {
  readonly pids?: readonly number[];
  readonly childrenOf?: readonly number[];
  readonly groups?: readonly number[];
}): number {
  const pids = new Set(opts.pids ?? []);
  const parents = new Set(opts.childrenOf ?? []);
  const groups = new Set(opts.groups ?? []);
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    const s = stat(entry);
    if (s !== null && (pids.has(s.pid) || parents.has(s.ppid) || groups.has(s.pgrp))) {
      ticks += s.cpuTicks;
    }
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/**
 * Waits until `read` (a CPU counter in ms) grows by less than `quietMs` over `windowMs`: the work a
 * load left behind (background delivery of its decisions) has ended. Gives up after `maxMs`.
 */
export async function untilQuiet(
  read: () => number,
  opts: { readonly windowMs?: number; readonly quietMs?: number; readonly maxMs?: number } = {},
): Promise<number> {
  const windowMs = opts.windowMs ?? 500;
  const quietMs = opts.quietMs ?? 20;
  const until = performance.now() + (opts.maxMs ?? 120_000);
  let last = read();
  while (performance.now() < until) {
    await sleep(systemClock, windowMs);
    const now = read();
    if (now - last < quietMs) {
      return now;
    }
    last = now;
  }
  return last;
}

/**
 * CPU ms per wall ms that `read` grows by while nothing is asked of the processes: the lowest
 * rate of `windows` consecutive windows over `ms`. The emulators' JVMs idle at about 0.4 % of a
 * core (0–0.04 ms a ms in windows of 500 ms, 40 of them); one collection of theirs, or the last of
 * the work of the run before, in a single window is not their idle cost. A mean over the whole 2 s
 * once took such a burst for it, and subtracting it over the next run's 12 s left that run's
 * emulators at 0 ms a request (issue 17's sixteenth session, docs/performance-log.md). /proc counts
 * in 10 ms ticks, so the lowest window may read 0: the idle cost is then counted in the run's,
 * about 1 % of the emulators' CPU under load.
 */
export async function idleCpuPerMs(
  read: () => number,
  opts: {
    readonly ms?: number;
    readonly windows?: number;
    readonly clock?: Pick<Clock, 'monotonicMs' | 'setTimer'>;
  } = {},
): Promise<number> {
  const windows = opts.windows ?? 4;
  const windowMs = (opts.ms ?? 2_000) / windows;
  const clock = opts.clock ?? systemClock;
  let lowest = Infinity;
  for (let i = 0; i < windows; i++) {
    const started = clock.monotonicMs();
    const before = read();
    await sleep(clock, windowMs);
    lowest = Math.min(lowest, (read() - before) / (clock.monotonicMs() - started));
  }
  return lowest;
}

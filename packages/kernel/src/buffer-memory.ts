import { setFlagsFromString } from 'node:v8';

/** The first V8 that counts buffers this way by default (and no longer knows the flag). */
const DEFAULT_SINCE: readonly [major: number, minor: number] = [14, 8];

const FLAG = '--external-memory-accounted-in-global-limit';

/**
 * Makes V8 count the memory that buffers hold toward the heap's own limit, as V8 does by default
 * from 14.8 on. Before 14.8 (Node 24 runs 13.6), every byte allocated in a buffer since the last
 * mark-compact counts, dead or alive, and a fixed allowance of them (tens of megabytes) starts a
 * mark-compact of the whole heap. The Google clients allocate buffers for every gRPC frame they
 * send and receive, so under load on the emulators the risk-api ran about one mark-compact a
 * second (`--trace-gc`, `--trace-incremental-marking`: "external memory pressure", with the heap at
 * a third of its limit); with the flag, one every 2.5 s and about a tenth less CPU a decision, for
 * 150–220 MiB more peak RSS. Near the heap's limit it is the safer setting: a process with the
 * instance's heap holding about 825 MB while it dropped buffers aborted without the flag (V8 found
 * those collections ineffective) and lived with it, at 1.2–1.4 GiB of RSS.
 * docs/performance-log.md (issue 17's eleventh and twelfth sessions) has the numbers.
 *
 * Called first thing in a process's entry point, before the heap has grown. Returns whether the
 * flag was set: not on a V8 that does this already, where the flag no longer exists (and would be
 * refused on the command line, which is why this is not an image flag).
 */
export function countBufferMemoryInHeapLimit(
  v8Version: string = process.versions.v8,
  setFlags: (flags: string) => void = setFlagsFromString,
): boolean {
  const [major = 0, minor = 0] = v8Version.split('.').map(Number);
  const [sinceMajor, sinceMinor] = DEFAULT_SINCE;
  if (major > sinceMajor || (major === sinceMajor && minor >= sinceMinor)) {
    return false;
  }
  setFlags(FLAG);
  return true;
}

// How this machine's CPUs idle, for the bench report. On loopback the kernel wakes the load
// generator from inside the server's `write`; a vCPU that halts when idle needs an interrupt for
// that, which in a virtual machine is an exit to the hypervisor, charged to the server. With
// `haltpoll` polling 0 ns, that cost about a fifth of the in-memory risk-api's CPU in issue 17's
// tenth session, and nothing of the baseline's (docs/performance-log.md): the report names the
// setting so a ratio read on another machine is read with it.
import { readFileSync } from 'node:fs';

const CPUIDLE_DRIVER = '/sys/devices/system/cpu/cpuidle/current_driver';
const HALT_POLL_NS = '/sys/module/haltpoll/parameters/guest_halt_poll_ns';

/** A file's trimmed text, or undefined when it cannot be read. */
export type ReadText = (path: string) => string | undefined;

const readText: ReadText = (path) => {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
};

/**
 * The cpuidle driver, with haltpoll's polling window when that is the driver
 * ("haltpoll, polls 0 ns before halting"); "unknown" off Linux or without cpuidle.
 */
export function cpuIdleState(read: ReadText = readText): string {
  const driver = read(CPUIDLE_DRIVER);
  if (driver === undefined || driver === '') {
    return 'unknown';
  }
  if (driver !== 'haltpoll') {
    return driver;
  }
  const pollNs = Number(read(HALT_POLL_NS));
  return Number.isInteger(pollNs) && pollNs >= 0
    ? `haltpoll, polls ${pollNs.toLocaleString('en')} ns before halting`
    : 'haltpoll';
}

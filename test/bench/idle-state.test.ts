import { describe, expect, it } from 'vitest';
import { cpuIdleState, type ReadText } from './idle-state.ts';

const files =
  (entries: Record<string, string>): ReadText =>
  (path) =>
    entries[path];
const DRIVER = '/sys/devices/system/cpu/cpuidle/current_driver';
const POLL = '/sys/module/haltpoll/parameters/guest_halt_poll_ns';

describe('cpuIdleState', () => {
  it("names haltpoll's polling window", () => {
    expect(cpuIdleState(files({ [DRIVER]: 'haltpoll', [POLL]: '0' }))).toBe(
      'haltpoll, polls 0 ns before halting',
    );
    expect(cpuIdleState(files({ [DRIVER]: 'haltpoll', [POLL]: '200000' }))).toBe(
      'haltpoll, polls 200,000 ns before halting',
    );
  });

  it('names any other driver as it is', () => {
    expect(cpuIdleState(files({ [DRIVER]: 'intel_idle', [POLL]: '0' }))).toBe('intel_idle');
  });

  it('says unknown without cpuidle, and haltpoll alone without a readable window', () => {
    expect(cpuIdleState(files({}))).toBe('unknown');
    expect(cpuIdleState(files({ [DRIVER]: '' }))).toBe('unknown');
    expect(cpuIdleState(files({ [DRIVER]: 'haltpoll' }))).toBe('haltpoll');
    expect(cpuIdleState(files({ [DRIVER]: 'haltpoll', [POLL]: 'abc' }))).toBe('haltpoll');
  });
});

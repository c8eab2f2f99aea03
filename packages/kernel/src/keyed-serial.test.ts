import { describe, expect, it } from 'vitest';
import { KeyedSerial } from './keyed-serial.ts';

// One event-loop turn: lets the other key's task start while this one waits.
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedSerial', () => {
  it('runs one task per key at a time, in order, and keys in parallel', async () => {
    const serial = new KeyedSerial();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([
      serial.run('a', task('a1')),
      serial.run('a', task('a2')),
      serial.run('b', task('b1')),
    ]);
    expect(results).toEqual(['a1', 'a2', 'b1']);
    expect(log.indexOf('a1 end')).toBeLessThan(log.indexOf('a2 start'));
    expect(log.indexOf('b1 start')).toBeLessThan(log.indexOf('a1 end'));
    expect(serial.size).toBe(0);
  });

  it('runs the next task after a failed one, and hands each caller its own outcome', async () => {
    const serial = new KeyedSerial();
    const failed = serial.run('a', () => Promise.reject(new Error('boom')));
    const next = serial.run('a', () => Promise.resolve('ok'));
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
  });
});

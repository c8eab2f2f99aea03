import { describe, expect, it } from 'vitest';
import { silentLogger, systemClock, type LogFields } from '@sentinel/kernel';
import { createBackground } from './background.ts';

const nextCheckPhase = () => new Promise<void>((resolve) => setImmediate(resolve));

function aBackground() {
  const warnings: { readonly message: string; readonly fields: LogFields | undefined }[] = [];
  const logger = {
    ...silentLogger,
    warn: (message: string, fields?: LogFields) => warnings.push({ message, fields }),
  };
  return { background: createBackground(logger, systemClock), warnings };
}

describe('createBackground', () => {
  it('starts a task only after the turn that ran it, microtasks included, and drains it', async () => {
    const { background } = aBackground();
    const order: string[] = [];
    background.run('deliver', () => {
      order.push('task');
      return Promise.resolve();
    });
    order.push('run returned');
    // The answer of the request that ran the task is written by microtasks of the same turn.
    for (let i = 0; i < 50; i++) {
      await Promise.resolve();
    }
    order.push('microtasks done');
    expect(background.size).toBe(1);
    await nextCheckPhase();
    expect(order).toEqual(['run returned', 'microtasks done', 'task']);
    await background.drain(1_000);
    expect(background.size).toBe(0);
  });

  it('waits in drain for a task that has not started yet', async () => {
    const { background } = aBackground();
    let done = false;
    background.run('deliver', async () => {
      await nextCheckPhase();
      done = true;
    });
    await background.drain(60_000);
    expect(done).toBe(true);
  });

  it('logs a task that throws instead of returning a promise as a failed task, never throws from run', async () => {
    const { background, warnings } = aBackground();
    expect(() =>
      background.run('deliver decision', () => {
        throw new Error('event schema refused');
      }),
    ).not.toThrow();
    await background.drain(60_000);
    expect(warnings).toEqual([
      {
        message: 'background task failed; the outbox will retry',
        fields: { task: 'deliver decision', error: new Error('event schema refused') },
      },
    ]);
    expect(background.size).toBe(0);
  });
});

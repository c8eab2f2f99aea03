import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

describe('createLogger', () => {
  it('writes one JSON object per line at or above its level, errors without stacks', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', service: 'sim', write: (l) => lines.push(l) });
    logger.debug('hidden');
    logger.warn('delivery failed', { attempt: 2, error: new Error('refused') });
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      {
        severity: 'WARNING',
        message: 'delivery failed',
        time: expect.stringMatching(/Z$/) as unknown,
        service: 'sim',
        attempt: 2,
        error: { name: 'Error', message: 'refused' },
      },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { createLogger, parseTraceHeaders, withTrace } from './logger.ts';

describe('parseTraceHeaders', () => {
  it.each([
    [
      'W3C traceparent, sampled',
      '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      undefined,
      { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', sampled: true },
    ],
    [
      'W3C wins over X-Cloud-Trace-Context',
      '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00',
      '105445aa7843bc8bf206b12000100000/1;o=1',
      { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', sampled: false },
    ],
    [
      'X-Cloud-Trace-Context with a decimal span id',
      undefined,
      '105445aa7843bc8bf206b12000100000/255;o=1',
      { traceId: '105445aa7843bc8bf206b12000100000', spanId: '00000000000000ff', sampled: true },
    ],
    [
      'an all-zero traceparent falls back',
      '00-00000000000000000000000000000000-00f067aa0ba902b7-01',
      '105445aa7843bc8bf206b12000100000',
      { traceId: '105445aa7843bc8bf206b12000100000', sampled: false },
    ],
    ['garbage', 'nope', 'also-nope', undefined],
    ['nothing', undefined, undefined, undefined],
  ])('%s', (_label, traceparent, cloud, expected) => {
    expect(parseTraceHeaders(traceparent, cloud)).toEqual(expected);
  });
});

describe('createLogger', () => {
  it('writes one JSON line with severity, trace fields and no stack', () => {
    const lines: string[] = [];
    const log = createLogger({
      level: 'info',
      projectId: 'p',
      service: 's',
      write: (l) => lines.push(l),
    });
    log.debug('hidden');
    withTrace({ traceId: 'abc', spanId: '0000000000000001', sampled: true }, () => {
      log.error('boom', { error: Object.assign(new Error('bad'), { code: 'X' }) });
    });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({
      severity: 'ERROR',
      message: 'boom',
      service: 's',
      error: { name: 'Error', message: 'bad', code: 'X' },
      'logging.googleapis.com/trace': 'projects/p/traces/abc',
      'logging.googleapis.com/spanId': '0000000000000001',
      'logging.googleapis.com/trace_sampled': true,
    });
    expect(lines[0]).not.toContain('at ');
  });
});

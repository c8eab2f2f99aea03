import { describe, expect, it } from 'vitest';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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

  it('logs errors nested in objects and lists by name and message too, plain fields as they are', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', service: 's', write: (l) => lines.push(l) });
    log.warn('nested', {
      outer: { cause: new TypeError('inner') },
      list: [new RangeError('listed')],
      codes: ['A', 1, null],
    });
    log.info('plain', { codes: ['A', 'B'], n: 1 });
    expect(lines.map((l) => JSON.parse(l) as unknown)).toMatchObject([
      {
        outer: { cause: { name: 'TypeError', message: 'inner' } },
        list: [{ name: 'RangeError', message: 'listed' }],
        codes: ['A', 1, null],
      },
      { message: 'plain', codes: ['A', 'B'], n: 1 },
    ]);
  });
});

describe('createLogger on stdout', () => {
  // A child process, since the point is what reaches the process's real stdout.
  const run = (then: string) =>
    spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { createLogger } from ${JSON.stringify(pathToFileURL(join(import.meta.dirname, 'logger.ts')).href)};
         const a = createLogger({ level: 'info', service: 'a' });
         const b = createLogger({ level: 'info', service: 'b' });
         for (let i = 0; i < 3; i++) { a.info('a' + i); b.info('b' + i); }
         ${then}`,
      ],
      { encoding: 'utf8' },
    );
  const messages = (stdout: string) =>
    stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { message: string }).message);

  it.each([
    ['the loop ends', '', 0],
    ['process.exit', 'process.exit(3);', 3],
    ['an uncaught exception', "throw new Error('boom');", 1],
  ])('writes every line, in order across loggers, when %s', (_, then, status) => {
    const r = spawnResult(run(then));
    expect(r.status).toBe(status);
    expect(messages(r.stdout)).toEqual(['a0', 'b0', 'a1', 'b1', 'a2', 'b2']);
  });
});

function spawnResult(r: SpawnSyncReturns<string>) {
  if (r.error !== undefined) {
    throw r.error;
  }
  return r;
}

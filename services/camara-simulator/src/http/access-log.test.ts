import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { LogFields, Logger } from '@sentinel/kernel';
import { FakeClock } from '@sentinel/kernel/testing';
import { accessLog } from './access-log.ts';
import type { SimEnv } from './sim-env.ts';

describe('accessLog', () => {
  it('logs the route pattern and the duration on the injected clock', async () => {
    const clock = new FakeClock();
    const lines: { level: string; message: string; fields: LogFields | undefined }[] = [];
    const record =
      (level: string) =>
      (message: string, fields?: LogFields): void => {
        lines.push({ level, message, fields });
      };
    const logger: Logger = {
      debug: record('debug'),
      info: record('info'),
      warn: record('warn'),
      error: record('error'),
    };
    const app = new Hono<SimEnv>();
    app.use('*', accessLog(logger, clock));
    app.get('/numbers/:phoneNumber', (c) => {
      clock.advance(12.5); // the handler takes 12.5 ms of the service's time
      return c.json({}, c.req.param('phoneNumber') === '+27820000000' ? 404 : 200);
    });

    await app.request('/numbers/+27821234567');
    await app.request('/numbers/+27820000000');

    expect(lines).toEqual([
      {
        level: 'debug',
        message: 'request',
        fields: expect.objectContaining({
          method: 'GET',
          route: '/numbers/:phoneNumber',
          status: 200,
          durationMs: 12.5,
        }) as LogFields,
      },
      {
        level: 'info',
        message: 'request refused',
        fields: expect.objectContaining({ status: 404, durationMs: 12.5 }) as LogFields,
      },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { envFields } from './env-config.ts';

describe('envFields', () => {
  it('gives the fallback for unset and blank fields, and the trimmed value otherwise', () => {
    const f = envFields({ A: ' 42 ', B: '  ', HOST: ' example ', LIST: 'a, ,b ,', FLAG: 'true' });
    expect(f.int('A', { min: 0, max: 100, fallback: 7 })).toBe(42);
    expect(f.int('B', { min: 0, max: 100, fallback: 7 })).toBe(7);
    expect(f.int('UNSET', { min: 0, max: 100, fallback: 7 })).toBe(7);
    expect(f.text('HOST', { fallback: 'localhost' })).toBe('example');
    expect(f.list('LIST')).toEqual(['a', 'b']);
    expect(f.list('UNSET')).toBeUndefined();
    expect(f.flag('FLAG')).toBe(true);
    expect(f.flag('UNSET')).toBeUndefined();
    expect(f.port('UNSET', 8080)).toBe(8080);
    expect(f.logLevel()).toBe('info');
    expect(f.store('STORE')).toEqual({ store: 'firestore', projectId: '' });
    expect(f.result(() => 'never built')).toEqual({
      ok: false,
      issues: ['GOOGLE_CLOUD_PROJECT: required when STORE=firestore'],
    });
  });

  it('lists every problem, in reading order, without the values', () => {
    const f = envFields({
      N: '1.5',
      P: '0',
      R: '-2',
      M: 'sqlite',
      F: 'yes',
      U: 'not a url',
      S: 'short-secret',
      LOG_LEVEL: 'loud',
      K_SERVICE: 'svc',
    });
    expect(f.onCloudRun).toBe(true);
    f.int('N', { min: 0, max: 10, fallback: 1 });
    f.port('P', 8080);
    f.positive('R', { max: 100, fallback: 5 });
    expect(f.oneOf('M', ['firestore', 'memory'], 'memory')).toBe('memory');
    f.flag('F');
    f.url('U', 'http://127.0.0.1');
    expect(f.secret('S', 16)).toBeUndefined();
    f.required('KEYS');
    f.logLevel();
    const insecure: string[] = [];
    f.missingSecret('TOKEN', insecure);
    f.issue('API keys', 'two clients share a key');
    const result = f.result(() => 'never built');
    expect(result).toEqual({
      ok: false,
      issues: [
        'N: must be an integer from 0 to 10',
        'P: must be an integer from 1 to 65535',
        'R: must be a number above 0 and at most 100',
        'M: must be firestore or memory',
        'F: must be true or false',
        'U: not a URL',
        'S: must be at least 16 characters',
        'KEYS: required',
        'LOG_LEVEL: must be debug, info, warn or error',
        'TOKEN: required on Cloud Run (mount it from Secret Manager)',
        'API keys: two clients share a key',
      ],
    });
    expect(insecure).toEqual(['TOKEN']);
    expect(JSON.stringify(result)).not.toContain('short-secret');
  });

  it('builds the config only when nothing is wrong', () => {
    const f = envFields({ STORE: 'memory', RATE: '0.5', PORT: '0' });
    const config = {
      ...f.store('STORE'),
      rate: f.positive('RATE', { max: 10, fallback: 1 }),
      port: f.port('PORT', 8080, { allowAny: true }),
    };
    expect(f.result(() => config)).toEqual({
      ok: true,
      config: { store: 'memory', projectId: 'local', rate: 0.5, port: 0 },
    });
  });
});

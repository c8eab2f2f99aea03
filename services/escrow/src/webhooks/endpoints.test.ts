import { describe, expect, it } from 'vitest';
import { parseWebhookEndpoints } from './endpoints.ts';

const secretOf = (fill: number, bytes = 32): string =>
  `whsec_${Buffer.alloc(bytes, fill).toString('base64')}`;
const S1 = secretOf(0x61);
const S2 = secretOf(0x62);
const S3 = secretOf(0x63);
const SHORT = secretOf(0x64, 16);

describe('parseWebhookEndpoints', () => {
  it('reads one endpoint per tenant; a tenant without an entry has none', () => {
    const result = parseWebhookEndpoints(
      JSON.stringify({
        acme: { url: 'https://pay.acme.example/hooks/sentinel', secrets: [S1] },
        local: { url: 'http://127.0.0.1:8090/webhooks', secrets: [S1, S2, S3] },
      }),
    );
    expect(result.ok).toBe(true);
    expect(result.endpoints?.get('acme')).toEqual({
      tenantId: 'acme',
      url: 'https://pay.acme.example/hooks/sentinel',
      secrets: [S1],
    });
    expect(result.endpoints?.get('local')?.secrets).toEqual([S1, S2, S3]);
    expect(result.endpoints?.get('other')).toBeUndefined();
    expect(result.endpoints?.size).toBe(2);
  });

  it.each(['http://localhost:8090/', 'http://127.0.0.2/x', 'http://[::1]:8090/'])(
    'allows http for the loopback host of %s',
    (url) => {
      expect(parseWebhookEndpoints(JSON.stringify({ t: { url, secrets: [S1] } })).ok).toBe(true);
    },
  );

  it.each(['', '  \n'])('a blank value means no endpoints', (json) => {
    expect(parseWebhookEndpoints(json)).toEqual({ ok: true, endpoints: new Map() });
  });

  it.each([
    [
      'http to a public host',
      { url: 'http://pay.acme.example/', secrets: [S1] },
      ['url: must be https (http only for a loopback host)'],
    ],
    [
      'another scheme',
      { url: 'ftp://127.0.0.1/', secrets: [S1] },
      ['url: must be https (http only for a loopback host)'],
    ],
    ['no URL', { url: 'pay.acme.example', secrets: [S1] }, ['url: not a URL']],
    [
      'credentials in the URL',
      { url: 'https://u:p@pay.acme.example/', secrets: [S1] },
      ['url: must not carry credentials'],
    ],
    [
      'no secrets',
      { url: 'https://a.example/', secrets: [] },
      ['secrets: must list 1 to 3 secrets'],
    ],
    [
      'four secrets',
      { url: 'https://a.example/', secrets: [S1, S2, S3, S1] },
      ['secrets: must list 1 to 3 secrets'],
    ],
    [
      'a secret that is not a string',
      { url: 'https://a.example/', secrets: [S1, 7] },
      ['secrets[1]: must be a string'],
    ],
    [
      'a 16-byte secret',
      { url: 'https://a.example/', secrets: [S1, SHORT] },
      ['secrets[1]: decodes to 16 bytes; a secret must be 24–64 bytes'],
    ],
    [
      'a secret without its prefix',
      { url: 'https://a.example/', secrets: [S1.slice(6)] },
      ['secrets[0]: must start with whsec_'],
    ],
    ['no url', { secrets: [S1] }, ['url: must be a string']],
    [
      'an unknown field',
      { url: 'https://a.example/', secrets: [S1], secret: S2 },
      [': Unrecognized key: "secret"'],
    ],
    ['an entry that is not an object', S1, [': Invalid input: expected object, received string']],
  ])('refuses %s, naming tenant and field, never the secret', (_case, entry, problems) => {
    const result = parseWebhookEndpoints(JSON.stringify({ acme: entry }));
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual(
      problems.map((p) => (p.startsWith(':') ? `tenant "acme"${p}` : `tenant "acme" ${p}`)),
    );
    const text = result.issues?.join('\n') ?? '';
    for (const secret of [S1, S2, SHORT]) {
      expect(text).not.toContain(secret.slice(6, 20));
    }
  });

  it('lists every problem of every tenant at once', () => {
    const result = parseWebhookEndpoints(
      JSON.stringify({
        a: { url: 'http://a.example/', secrets: [SHORT] },
        b: { url: 'https://b.example/', secrets: [S1] },
        c: { url: 'https://c.example/', secrets: [] },
      }),
    );
    expect(result.issues).toEqual([
      'tenant "a" url: must be https (http only for a loopback host)',
      'tenant "a" secrets[0]: decodes to 16 bytes; a secret must be 24–64 bytes',
      'tenant "c" secrets: must list 1 to 3 secrets',
    ]);
  });

  it('does not echo text around a JSON syntax error (it may hold a secret)', () => {
    const result = parseWebhookEndpoints(
      `{"acme": {"url": "https://a.example/", "secrets": ["${S1}"}}`,
    );
    expect(result).toEqual({ ok: false, issues: ['not valid JSON'] });
  });

  it.each(['[]', '"x"', 'null', '3'])('refuses %s at the top level', (json) => {
    expect(parseWebhookEndpoints(json)).toEqual({
      ok: false,
      issues: ['must be a JSON object: {"<tenant>": {"url", "secrets"}}'],
    });
  });

  it('refuses a blank tenant id', () => {
    expect(
      parseWebhookEndpoints(JSON.stringify({ ' ': { url: 'https://a.example/', secrets: [S1] } })),
    ).toEqual({ ok: false, issues: ['a tenant id must not be blank'] });
  });
});

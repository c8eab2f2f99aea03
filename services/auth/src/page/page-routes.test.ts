import { describe, expect, it } from 'vitest';
import { pageRoutes } from './page-routes.ts';

describe('step-up page routes', () => {
  it('serves the page with a strict CSP and no inline script or secret', async () => {
    const res = await pageRoutes().request('/challenge/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    // Every script has a src: nothing inline for the CSP to allow.
    expect(html.match(/<script[^>]*>/g)).toEqual([
      '<script defer src="/challenge-assets/simplewebauthn-browser.js">',
      '<script defer src="/challenge-assets/step-up.js">',
    ]);
    expect(html).not.toContain('0190a1b2');
  });

  it.each([
    ['step-up.js', /^text\/javascript/, 'SimpleWebAuthnBrowser.startAuthentication'],
    ['step-up.css', /^text\/css/, 'font-family'],
    ['simplewebauthn-browser.js', /^text\/javascript/, 'SimpleWebAuthnBrowser'],
  ])('serves the asset %s from this origin', async (name, type, content) => {
    const res = await pageRoutes().request(`/challenge-assets/${name}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(type);
    expect(await res.text()).toContain(content);
  });

  it('lets only the configured origins embed the page', async () => {
    const res = await pageRoutes({ frameAncestors: ['https://console.bank.example'] }).request(
      '/challenge/x',
    );
    expect(res.headers.get('content-security-policy')).toContain(
      "frame-ancestors 'self' https://console.bank.example",
    );
    const alone = await pageRoutes().request('/challenge/x');
    expect(alone.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self'$/);
  });

  it('answers 404 for any other asset name', async () => {
    expect((await pageRoutes().request('/challenge-assets/..%2Fpage-routes.ts')).status).toBe(404);
    expect((await pageRoutes().request('/challenge-assets/index.ts')).status).toBe(404);
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { escapeHtml, formatCount, formatDuration } from './html.ts';
import { renderReport } from './report.ts';
import { createSummary } from './summary.ts';
import { HOSTILE_IDS, sampleSummary } from './testing/sample-summary.ts';

const html = renderReport(sampleSummary());

describe('renderReport', () => {
  it('escapes every cell: a subscriber id, a reason, a column, a file name stay text', () => {
    for (const id of HOSTILE_IDS) {
      expect(html).toContain(escapeHtml(id));
    }
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>85</b>');
    expect(html).toContain('&lt;b&gt;85&lt;/b&gt; SMS in 24 h');
    expect(html).toContain('not an E.164 number: &lt;+27 82&gt;');
    expect(html).toContain('activity &lt;2026-12-05&gt;.csv');
    // The page's own script is its only one.
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('data-subscriber="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"');
  });

  it('is self-contained: a CSP that forbids every load and allows only its own script, by hash', () => {
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    const script = /<script>([\s\S]*)<\/script>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(script).digest('base64');
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
  });

  it('has every section, the metrics for a labelled file, and says how many rows are left out', () => {
    for (const id of [
      'levels',
      'levels-chart',
      'rules-chart',
      'histogram',
      'metrics',
      'top',
      'rows-section',
      'errors',
    ]) {
      expect(html).toContain(`id="${id}"`);
    }
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html).toContain('The 50 riskiest rows; 10 lower-scored rows are left out here');
    expect(html.match(/<tr data-line=/g)).toHaveLength(50);
    expect(html).toContain('2 rows rejected with 2 errors');
    expect(html).toMatch(/Precision <b>\d+\.\d %<\/b>/);
    // The policy's bands mark the histogram.
    expect(html).toContain('MEDIUM ≥ 31</text>');
    expect(html).toContain('HIGH ≥ 61</text>');
  });

  it('leaves the metrics out for an unlabelled file and says when no row was rejected', () => {
    const summary = createSummary();
    summary.addResult({ line: 2, subscriberId: 'SUB-1', score: 45, level: 'MEDIUM', rules: [] });
    const plain = renderReport(
      summary.finish({
        file: 'a.csv',
        policy: { id: 'batch', version: 3 },
        startedAt: new Date(0),
        durationMs: 5,
      }),
    );
    expect(plain).not.toContain('id="metrics"');
    expect(plain).toContain('None: every row was scored.');
    expect(plain).toContain('All 1 scored rows.');
    expect(plain).toContain('<b>batch</b> v3');
    expect(plain).not.toContain('MEDIUM ≥');
  });
});

describe('formatting', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [1234567, '1,234,567'],
  ])('formatCount(%i) = %s', (value, text) => {
    expect(formatCount(value)).toBe(text);
  });
  it.each([
    [850, '850 ms'],
    [12_400, '12.4 s'],
    [185_000, '3 min 5 s'],
  ])('formatDuration(%i) = %s', (value, text) => {
    expect(formatDuration(value)).toBe(text);
  });
});

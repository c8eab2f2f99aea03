import { describe, expect, it } from 'vitest';
import { DASHBOARDS, type DashboardSpec } from './dashboards.ts';
import { lookerStudioLink } from './looker-link.ts';

const platform = DASHBOARDS.find((d) => d.id === 'platform') as DashboardSpec;

describe('lookerStudioLink', () => {
  it('names the report and adds one BigQuery TABLE data source per view, in first-use order', () => {
    expect(lookerStudioLink(platform, { project: 'acme-risk', dataset: 'sentinel' })).toBe(
      'https://lookerstudio.google.com/reporting/create' +
        '?r.reportName=Sentinel%20%E2%80%94%20platform' +
        '&ds.ds0.connector=bigQuery&ds.ds0.type=TABLE&ds.ds0.projectId=acme-risk' +
        '&ds.ds0.datasetId=sentinel&ds.ds0.tableId=kpi_daily' +
        '&ds.ds1.connector=bigQuery&ds.ds1.type=TABLE&ds.ds1.projectId=acme-risk' +
        '&ds.ds1.datasetId=sentinel&ds.ds1.tableId=decisions_enriched',
    );
  });

  it('puts the template report first and encodes every value', () => {
    const url = new URL(
      lookerStudioLink(platform, {
        project: 'acme risk',
        dataset: 'a&b=c',
        reportId: '0b1c-2d3e',
        billingProject: 'billing+1',
      }),
    );
    expect([...url.searchParams.keys()].slice(0, 3)).toEqual([
      'c.reportId',
      'r.reportName',
      'ds.ds0.connector',
    ]);
    expect(url.search).toContain('c.reportId=0b1c-2d3e&');
    expect(url.search).toContain(
      '&ds.ds0.projectId=acme%20risk&ds.ds0.billingProjectId=billing%2B1&',
    );
    expect(url.search).toContain('&ds.ds0.datasetId=a%26b%3Dc&');
    expect(url.searchParams.get('ds.ds1.datasetId')).toBe('a&b=c');
  });

  it('gives each dashboard a data source for every view its charts read', () => {
    for (const dashboard of DASHBOARDS) {
      const url = new URL(lookerStudioLink(dashboard, { project: 'p', dataset: 'd' }));
      const tables = [...url.searchParams]
        .filter(([k]) => k.endsWith('.tableId'))
        .map(([, v]) => v);
      expect(new Set(tables)).toEqual(new Set(dashboard.charts.map((chart) => chart.view)));
    }
  });
});

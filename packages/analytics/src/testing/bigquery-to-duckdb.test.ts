import sqlParser from 'node-sql-parser/build/bigquery.js';
import { describe, expect, it } from 'vitest';
import { bigQueryToDuckDb } from './bigquery-to-duckdb.ts';
import { VIEW_NAMES, viewSql } from './view-files.ts';

const parser = new sqlParser.Parser();

/** Parses BigQuery Standard SQL with a BigQuery-dialect parser; throws on a syntax error. */
function parseBigQuery(sql: string): void {
  // A real project id has hyphens; the placeholders are substituted as bq:migrate does.
  const text = sql
    .replaceAll('{{project}}', 'sentinel-prod-1')
    .replaceAll('{{dataset}}', 'sentinel');
  parser.astify(text, { database: 'bigquery' });
}

describe('the BigQuery text of every view', () => {
  it.each(VIEW_NAMES)('%s parses as BigQuery Standard SQL', (name) => {
    expect(() => {
      parseBigQuery(viewSql(name));
    }).not.toThrow();
  });

  it('a syntax error fails the parse (the check can fail)', () => {
    const broken = viewSql('kpi_daily').replace('GROUP BY', 'GROUP');
    expect(() => {
      parseBigQuery(broken);
    }).toThrow();
  });

  it.each(VIEW_NAMES)('%s reads tables and views only through the placeholders', (name) => {
    const references = [...viewSql(name).matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    expect(references.length).toBeGreaterThan(0);
    for (const reference of references) {
      expect(reference).toMatch(/^\{\{project\}\}\.\{\{dataset\}\}\.\w+$/);
    }
  });
});

describe('bigQueryToDuckDb: the only differences, mechanical', () => {
  it.each([
    [
      'SELECT a FROM `{{project}}.{{dataset}}.decisions` AS d',
      'SELECT a FROM "s"."decisions" AS d',
    ],
    [
      'APPROX_QUANTILES(k.latencyMs, 100)[SAFE_OFFSET(95)] AS p95',
      'quantile_disc(k.latencyMs, 0.95) AS p95',
    ],
    [
      'APPROX_QUANTILES(x, 100)[SAFE_OFFSET(5)], APPROX_QUANTILES(y, 100)[SAFE_OFFSET(50)]',
      'quantile_disc(x, 0.05), quantile_disc(y, 0.50)',
    ],
    [
      'FROM t AS d CROSS JOIN UNNEST(d.reasons) AS reason',
      'FROM t AS d CROSS JOIN UNNEST(d.reasons) AS reason_row(reason)',
    ],
    [
      'SAFE_DIVIDE(COUNTIF(a), COUNTIF(b)), DATE(t)',
      'SAFE_DIVIDE(COUNTIF(a), COUNTIF(b)), DATE(t)',
    ],
  ])('%s', (bigQuery, duckDb) => {
    expect(bigQueryToDuckDb(bigQuery, 's')).toBe(duckDb);
  });

  it.each(VIEW_NAMES)('%s keeps no placeholder or backtick after translation', (name) => {
    const translated = bigQueryToDuckDb(viewSql(name), 's');
    expect(translated).not.toMatch(/[`{}]|APPROX_QUANTILES/);
  });
});

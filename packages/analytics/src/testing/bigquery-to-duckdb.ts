/**
 * The whole difference between a view's BigQuery text and what DuckDB runs, so the SQL under test
 * is the SQL that ships. Each rewrite is mechanical (no parsing); docs/analytics.md lists them.
 *
 * 1. `` `{{project}}.{{dataset}}.name` `` → `"schema"."name"`: placeholders and backticks.
 * 2. `APPROX_QUANTILES(x, 100)[SAFE_OFFSET(n)]` → `quantile_disc(x, n / 100)`: DuckDB has no
 *    quantile arrays; both ignore NULLs and give NULL over no values.
 * 3. `CROSS JOIN UNNEST(list) AS r` → `… AS r_row(r)`: BigQuery names the element after the
 *    alias; DuckDB needs the column name spelt out.
 * 4. Functions DuckDB lacks become macros ({@link DUCKDB_PRELUDE}): SAFE_DIVIDE, UNIX_MILLIS.
 * 5. NULL order: BigQuery sorts NULLs first ascending and last descending;
 *    the prelude sets DuckDB's default_null_order to the same.
 * DATE(timestamp), COUNTIF, QUALIFY and `* REPLACE` mean the same in both and stay as they are.
 */
export function bigQueryToDuckDb(sql: string, schema: string): string {
  return sql
    .replace(/`\{\{project\}\}\.\{\{dataset\}\}\.(\w+)`/g, `"${schema}"."$1"`)
    .replace(
      /APPROX_QUANTILES\(([^()]+), 100\)\[SAFE_OFFSET\((\d+)\)\]/g,
      (_match, expression: string, offset: string) =>
        `quantile_disc(${expression}, ${(Number(offset) / 100).toFixed(2)})`,
    )
    .replace(/CROSS JOIN UNNEST\(([^()]+)\) AS (\w+)/g, 'CROSS JOIN UNNEST($1) AS $2_row($2)');
}

/** DuckDB statements that give it the BigQuery functions and NULL order the views rely on. */
export const DUCKDB_PRELUDE = [
  `SET default_null_order = 'nulls_first_on_asc_last_on_desc'`,
  'CREATE MACRO safe_divide(a, b) AS CASE WHEN b = 0 THEN NULL ELSE a / b END',
  'CREATE MACRO unix_millis(t) AS epoch_ms(t)',
] as const;

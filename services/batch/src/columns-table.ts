import { COLUMNS } from './columns.ts';

const cell = (text: string): string => text.replaceAll('|', '\\|');

/**
 * The file format as a Markdown table, one row per column of COLUMNS: docs/batch.md holds this
 * exact text, and a test fails when the two drift (`npm run batch:columns` prints it).
 */
export function columnsTable(): string {
  const rows = COLUMNS.map(
    (c) =>
      `| \`${c.name}\` | ${c.required ? 'yes' : 'no'} | ${c.type} | ${cell(c.unit)} | \`${cell(c.example)}\` | ${cell(c.description)} |`,
  );
  return [
    '| Column | Required | Type | Unit or format | Example | What it is |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

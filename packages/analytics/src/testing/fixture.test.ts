import { describe, expect, it } from 'vitest';
import { FIXTURE } from './fixture.ts';
import { rowShapeIssues } from './fixture-tables.ts';
import { TABLE_NAMES } from './view-files.ts';

describe('the fixture rows have exactly the shape of the BigQuery tables', () => {
  it.each(TABLE_NAMES)('%s', (table) => {
    expect(FIXTURE[table].length).toBeGreaterThan(0);
    expect(FIXTURE[table].flatMap((row) => rowShapeIssues(table, row))).toEqual([]);
  });

  it('a row with a missing, an unknown, a NULL REQUIRED and a mistyped column is refused', () => {
    const { latencyMs: _dropped, ...row } = { ...FIXTURE.decisions[0] };
    const bad = { ...row, extra: 1, action: null, reasons: [{ code: 'X', weight: 'high' }] };
    expect(rowShapeIssues('decisions', bad).toSorted()).toEqual([
      'decisions.action: NULL in a REQUIRED column',
      'decisions.extra: no such column',
      'decisions.latencyMs: missing',
      'decisions.reasons[0].weight: not a INTEGER',
    ]);
  });
});

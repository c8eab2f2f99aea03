import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BATCH_POLICY } from '@sentinel/engine';
import { describe, expect, it } from 'vitest';
import { columnsTable } from './columns-table.ts';
import { SCENARIOS } from './scenarios.ts';

const doc = readFileSync(join(import.meta.dirname, '../../../docs/batch.md'), 'utf8');

/** Every number in a JSON value (a rule's params), so a changed threshold shows up here. */
function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') {
    return [value];
  }
  if (typeof value === 'object' && value !== null) {
    return Object.values(value).flatMap(numbersIn);
  }
  return [];
}

describe('docs/batch.md', () => {
  it('holds the file-format table generated from COLUMNS', () => {
    const between = /<!-- columns:start -->\n([\s\S]*?)\n<!-- columns:end -->/.exec(doc)?.[1];
    // On failure: node scripts/node24.mjs services/batch/src/columns-table-cli.ts
    expect(between).toBe(columnsTable());
  });

  it.each(BATCH_POLICY.rules.map((rule) => [rule.id, rule] as const))(
    'lists rule %s with every threshold and its weight',
    (id, rule) => {
      const line = doc.split('\n').find((l) => l.includes(`| \`${id}\` |`)) ?? '';
      expect(line).not.toBe('');
      // | # | id | code | fires when | weight | source |: the weight cell is the rule's weight (a
      // SIM swap recency band's, for the one-band preset).
      const weightCell = line.split('|').map((cell) => cell.trim())[5];
      const params = rule.params as { weight?: number; bands?: { weight: number }[] };
      expect(weightCell).toBe(String(params.weight ?? params.bands?.[0]?.weight));
      for (const n of numbersIn(rule.params).filter((n) => n !== 0)) {
        expect(line, `${id}: ${n}`).toMatch(new RegExp(`(^|[^\\d.])${n}([^\\d.]|$)`));
      }
    },
  );

  it('states the bands and every scenario', () => {
    const { mediumFrom, highFrom } = BATCH_POLICY.levels;
    expect(doc).toContain(
      `LOW 0–${mediumFrom - 1}, MEDIUM ${mediumFrom}–${highFrom - 1}, HIGH ${highFrom}–100`,
    );
    for (const scenario of SCENARIOS) {
      expect(doc).toContain(`| \`${scenario.id}\` |`);
    }
    expect(doc).toContain('![The batch report');
  });
});

import { describe, expect, it } from 'vitest';
import { OUTBOX_SHARDS, outboxEntry } from './collections.ts';
import { sequentialDecisionIds } from './testing/sequential-ids.ts';

describe('outboxEntry', () => {
  it('names an entry by a hash prefix and the decision id, its shard the first hex digit', () => {
    const id = '0193f1c2-8a00-7000-8000-000000000001';
    const entry = outboxEntry(id);
    expect(entry).toEqual(outboxEntry(id));
    expect(entry.id).toMatch(/^[0-9a-f]{8}-0193f1c2-8a00-7000-8000-000000000001$/);
    expect(entry.shard).toBe(Number.parseInt(entry.id.slice(0, 1), 16));
  });

  it('spreads time-ordered decision ids over every shard and the whole key space', () => {
    const ids = sequentialDecisionIds(1_600);
    const entries = ids.map(outboxEntry);
    const perShard = Array.from(
      { length: OUTBOX_SHARDS },
      (_, shard) => entries.filter((e) => e.shard === shard).length,
    );
    // 100 each if even; a hash keeps every shard near it.
    expect(Math.min(...perShard)).toBeGreaterThan(60);
    expect(Math.max(...perShard)).toBeLessThan(140);
    // Sequential ids, but their entries' names are not in that order: consecutive decisions'
    // entries land in different key ranges.
    const names = entries.map((e) => e.id);
    const ascending = names.filter((name, i) => i > 0 && name > (names[i - 1] ?? '')).length;
    expect(ascending / (names.length - 1)).toBeGreaterThan(0.4);
    expect(ascending / (names.length - 1)).toBeLessThan(0.6);
    expect(new Set(names).size).toBe(names.length);
  });
});

export interface DiffLine {
  readonly kind: 'same' | 'added' | 'removed';
  readonly text: string;
}

/**
 * A line diff of two texts by longest common subsequence (O(n·m): policies are a few hundred
 * lines). Removed lines come before the added lines that replace them.
 */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const n = a.length;
  const m = b.length;
  // lcs[i][j]: the LCS length of a[i..] and b[j..].
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const row = lcs[i] as Uint32Array;
      const below = lcs[i + 1] as Uint32Array;
      row[j] = a[i] === b[j] ? (below[j + 1] ?? 0) + 1 : Math.max(below[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i] as string });
      i++;
      j++;
    } else if (j < m && (i === n || (lcs[i]?.[j + 1] ?? 0) > (lcs[i + 1]?.[j] ?? 0))) {
      out.push({ kind: 'added', text: b[j] as string });
      j++;
    } else {
      out.push({ kind: 'removed', text: a[i] as string });
      i++;
    }
  }
  return out;
}

/** The changes with `context` unchanged lines around each; longer unchanged runs are elided. */
export function withContext(lines: readonly DiffLine[], context = 2): (DiffLine | number)[] {
  const near = (k: number) =>
    lines.slice(Math.max(0, k - context), k + context + 1).some((l) => l.kind !== 'same');
  const out: (DiffLine | number)[] = [];
  let skipped = 0;
  lines.forEach((line, k) => {
    if (line.kind !== 'same' || near(k)) {
      if (skipped > 0) {
        out.push(skipped);
        skipped = 0;
      }
      out.push(line);
    } else {
      skipped++;
    }
  });
  if (skipped > 0) {
    out.push(skipped);
  }
  return out;
}

/**
 * Runs `work` over `items` in order, `concurrency` at a time, and stops taking new ones after
 * `maxFailuresInARow` failures in a row: then the dependency is down, and the caller's next round
 * tries again. Used by the outbox sweep and the fallback outbox. Returns how many succeeded and
 * failed; `onFailure` hears about each failure.
 */
export async function workThrough<T>(
  items: readonly T[],
  opts: { readonly concurrency: number; readonly maxFailuresInARow: number },
  work: (item: T) => Promise<void>,
  onFailure: (item: T, error: unknown, failedSoFar: number) => void,
): Promise<{ readonly done: number; readonly failed: number }> {
  let next = 0;
  let done = 0;
  let failed = 0;
  let failedInARow = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && failedInARow < opts.maxFailuresInARow) {
      const item = items[next++] as T;
      try {
        await work(item);
        done++;
        failedInARow = 0;
      } catch (error) {
        failed++;
        failedInARow++;
        onFailure(item, error, failed);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency, items.length) }, worker));
  return { done, failed };
}

/**
 * `n` UUIDv7s one millisecond apart, as a busy instance makes them: each later than the one
 * before, so they sort in time order (the shape that makes a hotspot as a document name).
 */
export function sequentialDecisionIds(n: number, fromMs = Date.UTC(2026, 11, 7, 12)): string[] {
  return Array.from({ length: n }, (_, i) => {
    const time = (fromMs + i).toString(16).padStart(12, '0');
    return `${time.slice(0, 8)}-${time.slice(8)}-7000-8000-${i.toString(16).padStart(12, '0')}`;
  });
}

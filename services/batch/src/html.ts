const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text or an attribute value as HTML: every cell of a report comes from a file someone else
 * wrote, so `<script>` in a subscriber id must stay four characters of text.
 */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** 1234567 → "1,234,567", the same on every machine (no locale). */
export function formatCount(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A count as a share of a total: "12.3 %", "–" when the total is 0. */
export function formatShare(part: number, total: number): string {
  return total === 0 ? '–' : `${((part / total) * 100).toFixed(1)} %`;
}

/** A duration in words a report reader can take in at a glance: "850 ms", "12.4 s", "3 min 5 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) {
    return `${Math.round(ms)} ms`;
  }
  if (ms < 60_000) {
    return `${(ms / 1000).toFixed(1)} s`;
  }
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

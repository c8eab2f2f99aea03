import type { Progress } from './run-batch.ts';

const WIDTH = 24;

/** mm:ss or h:mm:ss. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return hh > 0 ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

/**
 * One frame of the progress bar: share of the file's bytes read, rows, rows per second and the
 * ETA from the byte rate (rows vary in length; bytes are what is left to read).
 */
export function progressLine(p: Progress, elapsedMs: number): string {
  const share = p.totalBytes > 0 ? Math.min(1, p.bytesRead / p.totalBytes) : 1;
  const filled = Math.round(share * WIDTH);
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? Math.round(p.rows / seconds) : 0;
  const eta = share > 0 ? (seconds * (1 - share)) / share : 0;
  return (
    `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${Math.floor(share * 100)}% ` +
    `${p.rows.toLocaleString('en-US')} rows, ${rate.toLocaleString('en-US')} rows/s, ETA ${formatDuration(eta)}`
  );
}

/**
 * Redraws the bar on a terminal at most every `intervalMs` (10 frames a second by default), so a
 * fast run does not spend its time drawing.
 */
export function progressBar(
  write: (text: string) => void,
  clock: { monotonicMs(): number },
  intervalMs = 100,
): { update(p: Progress): void; clear(): void } {
  const started = clock.monotonicMs();
  let last = -Infinity;
  let drawn = false;
  return {
    update(p) {
      const now = clock.monotonicMs();
      if (now - last < intervalMs) {
        return;
      }
      last = now;
      drawn = true;
      write(`\r${progressLine(p, now - started)}\x1b[K`);
    },
    clear() {
      if (drawn) {
        write('\r\x1b[K');
      }
    },
  };
}

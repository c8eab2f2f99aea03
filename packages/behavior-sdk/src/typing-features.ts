import { eventsOf, type EventLog } from './event-log.ts';
import { mean, quantile, standardDeviation } from './statistics.ts';

/**
 * A pause this long ends a typing burst. Keystroke-dynamics work treats pauses of a second or more
 * as thinking or moving between fields rather than typing; SHIELD's profile (inter-key delays
 * ≈ 180 ms, p95 ≈ 280 ms, bursts ≈ 3.2 s) only makes sense with such pauses left out.
 */
export const BURST_GAP_MS = 1_000;

/** Characters per word in words-per-minute, the typing-test convention. */
const CHARS_PER_WORD = 5;

export interface TypingFeatures {
  readonly inter_key_delay_mean: number;
  readonly inter_key_delay_std: number;
  readonly inter_key_delay_p95: number;
  readonly dwell_time_mean: number;
  readonly dwell_time_std: number;
  readonly error_rate: number;
  readonly backspace_frequency: number;
  readonly typing_burst_count: number;
  readonly typing_burst_duration_mean: number;
  readonly words_per_minute: number;
}

/**
 * SHIELD's typing group from key timings. Delays are between consecutive keydowns inside a burst
 * (a gap of `BURST_GAP_MS` or more starts a new one); a burst is a run of at least two keydowns.
 * Dwell is keyup − keydown of one press. Errors are Backspace/Delete presses. Words per minute are
 * typed characters / 5 over the time spent inside bursts. All 0 when nothing was typed.
 */
export function typingFeatures(log: EventLog): TypingFeatures {
  const downs = eventsOf(log, 'keydown');
  const ups = new Map(eventsOf(log, 'keyup').map((e) => [e.press, e.t]));

  const dwells: number[] = [];
  for (const d of downs) {
    const up = ups.get(d.press);
    if (up !== undefined && up >= d.t) {
      dwells.push(up - d.t);
    }
  }

  const delays: number[] = [];
  const bursts: { first: number; last: number; chars: number; keys: number }[] = [];
  let current: { first: number; last: number; chars: number; keys: number } | undefined;
  for (const d of downs) {
    const isChar = d.kind === 'char' ? 1 : 0;
    if (current !== undefined && d.t - current.last < BURST_GAP_MS) {
      delays.push(d.t - current.last);
      current.last = d.t;
      current.chars += isChar;
      current.keys += 1;
    } else {
      current = { first: d.t, last: d.t, chars: isChar, keys: 1 };
      bursts.push(current);
    }
  }
  const typed = bursts.filter((b) => b.keys >= 2);
  const typingMs = typed.reduce((sum, b) => sum + (b.last - b.first), 0);
  const typedChars = typed.reduce((sum, b) => sum + b.chars, 0);

  const erases = downs.filter((d) => d.kind === 'erase').length;
  const editing = downs.filter((d) => d.kind !== 'other').length;

  return {
    inter_key_delay_mean: mean(delays),
    inter_key_delay_std: standardDeviation(delays),
    inter_key_delay_p95: quantile(delays, 0.95),
    dwell_time_mean: mean(dwells),
    dwell_time_std: standardDeviation(dwells),
    error_rate: editing === 0 ? 0 : erases / editing,
    backspace_frequency: erases,
    typing_burst_count: typed.length,
    typing_burst_duration_mean: mean(typed.map((b) => b.last - b.first)),
    words_per_minute: typingMs === 0 ? 0 : typedChars / CHARS_PER_WORD / (typingMs / 60_000),
  };
}

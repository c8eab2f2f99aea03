import { useEffect, useRef } from 'preact/hooks';
import type { LogLine } from './narrate.ts';

export interface LogEntry extends LogLine {
  readonly id: number;
  /** A heading line opens a decision's narration. */
  readonly heading?: boolean;
}

/** The phone's system log: each decision narrated from the answer, newest at the bottom. */
export function SystemLog(props: { readonly entries: readonly LogEntry[] }) {
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    list.current?.scrollTo({ top: list.current.scrollHeight });
  }, [props.entries.length]);
  return (
    <section class="system-log" aria-labelledby="log-title">
      <h3 id="log-title">System log</h3>
      <ol ref={list} data-id="log" aria-live="polite" tabIndex={0} aria-label="System log entries">
        {props.entries.map((e) => (
          <li key={e.id} class={`${e.tone}${e.heading === true ? ' heading' : ''}`}>
            {e.text}
          </li>
        ))}
      </ol>
    </section>
  );
}

import { withDeadline, type Clock } from '@sentinel/kernel';

/** What a sink answered. */
export interface SinkResponse {
  readonly status: number;
}

/** A fetch-like POST to a sink; injectable so tests decide what sinks answer and when. */
export type EventSender = (
  url: string,
  init: {
    readonly method: 'POST';
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string;
  },
) => Promise<SinkResponse>;

/** `fetch` with a hard timeout per attempt on `clock`; the answer's body is discarded. */
export function fetchSender(timeoutMs: number, clock: Pick<Clock, 'setTimer'>): EventSender {
  return (url, init) =>
    withDeadline(
      async (signal) => {
        const res = await fetch(url, {
          method: init.method,
          headers: init.headers,
          body: init.body,
          redirect: 'manual',
          signal,
        });
        await res.body?.cancel();
        return { status: res.status };
      },
      { clock, ms: timeoutMs, what: 'event delivery' },
    );
}

import type { FeedControlEvent, FeedItem } from '../../analyst-feed.ts';

export type FeedStatus = 'connecting' | 'live' | 'reconnecting' | 'stopped';

export interface FeedHandlers {
  item(item: FeedItem): void;
  control(event: FeedControlEvent, data: Record<string, unknown>): void;
  status(status: FeedStatus): void;
}

/**
 * The live feed over `fetch` rather than `EventSource`, which cannot send the Authorization
 * header. Reconnects after the server's `retry:` delay with `Last-Event-ID`, as EventSource
 * would. Returns the function that stops it.
 */
export function connectFeed(key: string, handlers: FeedHandlers): () => void {
  const abort = new AbortController();
  let lastEventId: string | null = null;
  let retryMs = 2_000;

  const dispatch = (frame: string) => {
    let id: string | null = null;
    let event = 'message';
    const data: string[] = [];
    for (const line of frame.split('\n')) {
      if (line === '' || line.startsWith(':')) {
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') {
        id = value;
      } else if (field === 'event') {
        event = value;
      } else if (field === 'data') {
        data.push(value);
      } else if (field === 'retry' && /^\d+$/.test(value)) {
        retryMs = Number(value);
      }
    }
    if (id !== null) {
      lastEventId = id;
    }
    if (data.length === 0) {
      return;
    }
    const parsed = JSON.parse(data.join('\n')) as Record<string, unknown>;
    if (event === 'message') {
      handlers.item(parsed as unknown as FeedItem);
    } else {
      handlers.control(event as FeedControlEvent, parsed);
    }
  };

  const once = async () => {
    const response = await fetch('/v1/console/decisions/stream', {
      headers: {
        authorization: `Bearer ${key}`,
        accept: 'text/event-stream',
        ...(lastEventId === null ? {} : { 'last-event-id': lastEventId }),
      },
      signal: abort.signal,
    });
    if (!response.ok || response.body === null) {
      throw new Error(`feed: HTTP ${response.status}`);
    }
    handlers.status('live');
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        return;
      }
      buffer += value;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
      }
    }
  };

  const stopped = () => abort.signal.aborted;
  const run = async () => {
    handlers.status('connecting');
    while (!stopped()) {
      try {
        await once();
      } catch {
        // Network error or refusal: the same as an ended stream, try again after the delay.
      }
      if (stopped()) {
        break;
      }
      handlers.status('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
    handlers.status('stopped');
  };
  void run();
  return () => abort.abort();
}
